package dev.tollgate.engine.fake;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.engine.store.StoredTenant;
import dev.tollgate.engine.store.TenantStore;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tenant store in memory that can be made unreachable, and counts its reads: what the engine's
 * tests of its own rules need from a store, with no database in between.
 */
public final class MemoryTenantStore implements TenantStore {

    private final Map<String, StoredTenant> tenants = new ConcurrentHashMap<>();
    private final AtomicLong revisions = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger revisionReads = new AtomicInteger();
    private volatile boolean down;
    private volatile CountDownLatch loadRead = new CountDownLatch(0);
    private volatile CountDownLatch loadReleased = new CountDownLatch(0);

    /** From now on every operation fails as an unreachable database would. */
    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    public int loads() {
        return loads.get();
    }

    public int revisionReads() {
        return revisionReads.get();
    }

    private void requireUp(String client, String tenant) {
        if (down) {
            throw new TenantStoreException(ClientRef.client(client).withTenant(tenant), "the tenant store cannot be reached", null);
        }
    }

    /** The next load, once it has read the tenant, waits for {@link #releaseLoad()} before it answers. */
    public void holdNextLoad() {
        loadRead = new CountDownLatch(1);
        loadReleased = new CountDownLatch(1);
    }

    /** Waits (bounded) until a held load has read what it will answer. */
    public boolean awaitHeldLoad() throws InterruptedException {
        return loadRead.await(10, TimeUnit.SECONDS);
    }

    public void releaseLoad() {
        loadReleased.countDown();
    }

    @Override
    public Optional<StoredTenant> load(String client, String tenant) {
        loads.incrementAndGet();
        requireUp(client, tenant);
        Optional<StoredTenant> read = Optional.ofNullable(tenants.get(client + "/" + tenant));
        CountDownLatch released = loadReleased;
        loadRead.countDown();
        try {
            released.await(10, TimeUnit.SECONDS); // a safety net: the test releases it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return read;
    }

    @Override
    public OptionalLong revision(String client, String tenant) {
        revisionReads.incrementAndGet();
        requireUp(client, tenant);
        StoredTenant stored = tenants.get(client + "/" + tenant);
        return stored == null ? OptionalLong.empty() : OptionalLong.of(stored.revision());
    }

    @Override
    public long save(String client, String tenant, Map<String, String> values, Set<String> secretKeys) {
        requireUp(client, tenant);
        long revision = revisions.incrementAndGet();
        tenants.put(client + "/" + tenant, new StoredTenant(client, tenant, revision, values, secretKeys));
        return revision;
    }

    @Override
    public boolean remove(String client, String tenant) {
        requireUp(client, tenant);
        return tenants.remove(client + "/" + tenant) != null;
    }

    @Override
    public SortedSet<String> tenants(String client) {
        requireUp(client, "*");
        SortedSet<String> names = new TreeSet<>();
        tenants.values().stream().filter(t -> t.client().equals(client)).forEach(t -> names.add(t.tenant()));
        return names;
    }

    @Override
    public int reencrypt() {
        return 0;
    }
}
