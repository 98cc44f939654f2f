package dev.tollgate.engine;

import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.store.DatabaseStoreFactory;
import dev.tollgate.engine.store.LengthPrefixed;
import dev.tollgate.engine.store.SealedValues;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The cluster tier ({@code tollgate.cache=cluster}): the copy of each credential that every node
 * of a cluster sees, in the server's own distributed map, and the markers that make one node
 * fetch for all. Each copy is sealed with the tenant store's key, the credential's key names as
 * associated data, so neither a heap dump of a node that never used it nor a backup of the cache
 * shows a token, and a copy moved to another key does not open. Kinds of entries:
 * <ul>
 *   <li>{@code c|client|tenant|credential|revision}: the credential, until it expires;</li>
 *   <li>{@code f|...} (same key names): a node is fetching it, for at most the fetch lease;</li>
 *   <li>{@code r|fingerprint}: a refresh token has been presented by some node, never again (one
 *       entry per key this node knows, so that servers amid a key rotation see each other's claims);</li>
 *   <li>{@code t|client|tenant}: a stored tenant was saved or removed by some node.</li>
 * </ul>
 * Every call to the map may fail (a member leaving): callers fall back to fetching on their own.
 */
final class SharedCredentials implements AutoCloseable {

    /** Global key: {@code local} (the default) or {@code cluster}. */
    static final String CACHE = "tollgate.cache";
    /** Global key: how long a fetch marker holds, so how long a node dying mid-fetch delays the others. */
    static final String FETCH_LEASE = "tollgate.cache.fetch-lease";
    static final Duration DEFAULT_FETCH_LEASE = Duration.ofSeconds(10);
    static final Duration MIN_FETCH_LEASE = Duration.ofSeconds(1);
    static final Duration MAX_FETCH_LEASE = Duration.ofMinutes(5);
    /** How long a refresh token stays claimed when its own expiry is not known. */
    private static final Duration REFRESH_CLAIM_DEFAULT = Duration.ofDays(30);
    private static final Duration TENANT_NOTICE_LIFESPAN = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(SharedCredentials.class.getName());
    private static final byte[] FORMAT = "tollgate-cluster-credential-1".getBytes(StandardCharsets.US_ASCII);
    private static final int NO_INSTANT = 0;
    private static final int AN_INSTANT = 1;

    /** A credential as the cluster holds it: its id (the copy's name, never secret), the credential, when it was obtained. */
    record Shared(String id, Credential credential, Instant obtainedAt) {
    }

    /** What the tier tells this node: a shared credential replaced or dropped, a stored tenant changed elsewhere. */
    interface Changes {
        /**
         * The shared copy of {@code key} is now {@code newId} (null: removed or lapsed);
         * {@code opensHere} tells whether this node could take the new copy.
         */
        void credentialChanged(CredentialKey key, String newId, BooleanSupplier opensHere);

        void tenantChanged(String client, String tenant);
    }

    private final SharedMap map;
    private final SealedValues seals;
    private final Duration lease;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Marks this node's own notices, so that it does not act on them twice. */
    private final String node = randomId();
    /** When the cluster's cache first failed to answer since it last answered a whole fetch; null while it answers. */
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();
    private final AtomicBoolean toldUnopened = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Function<String, String> clientConfiguration = client -> "";
    private final Map<String, byte[]> configurationDigests = new ConcurrentHashMap<>();

    SharedCredentials(SharedMap map, SealedValues seals, Duration lease, Clock clock) {
        this.map = map;
        this.seals = seals;
        this.lease = lease;
        this.clock = clock;
    }

    /** True once the engine closed: fetches waiting for another node give up. */
    boolean isClosed() {
        return closed;
    }

    Duration lease() {
        return lease;
    }

    /** The map as operators read it; never throws (a map cut off from its cluster may fail to describe itself too). */
    String describe() {
        try {
            return map.describe();
        } catch (RuntimeException | LinkageError e) {
            return "the server's shared map (it could not describe itself: " + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * How the client's configuration reads on this server ({@code client} → its keys and values
     * as text): copies are shared only between servers where it reads the same. Set once, before
     * anything is shared.
     */
    void compareClientsBy(Function<String, String> configuration) {
        this.clientConfiguration = configuration;
        configurationDigests.clear();
    }

    private byte[] configurationDigest(String client) {
        return configurationDigests.computeIfAbsent(client, c -> {
            try {
                return MessageDigest.getInstance("SHA-256").digest(clientConfiguration.apply(c).getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        });
    }

    /** Starts telling {@code changes} what other nodes (and this one) change. */
    void listen(Changes changes) {
        map.listen((key, value) -> {
            try {
                dispatch(key, value, changes);
            } catch (RuntimeException | LinkageError e) {
                LOG.fine(() -> "a cluster notice could not be handled (" + e.getClass().getSimpleName() + ")");
            }
        });
    }

    private void dispatch(String key, String value, Changes changes) {
        String[] parts = key.split("\\|", -1);
        if (parts.length == 5 && parts[0].equals("c")) {
            CredentialKey changed = new CredentialKey(decode(parts[1]), decode(parts[2]), decode(parts[3]), Long.parseLong(parts[4]));
            // a copy this node cannot take (another key, another configuration, not Tollgate's) replaces
            // nothing here: dropping this node's copy for it would make it fetch again, and its write evict
            // the other's, for ever. Checked only when this node holds a copy it would drop.
            changes.credentialChanged(changed, value == null ? null : idOf(value), () -> opens(changed, value));
        } else if (parts.length == 3 && parts[0].equals("t") && value != null && !value.startsWith(node + ".")) {
            changes.tenantChanged(decode(parts[1]), decode(parts[2]));
        }
    }

    /**
     * True when this node could take {@code value} as {@code key}'s copy. Nothing is decoded: the
     * plain bytes are wiped at once, so a node that only hears of a credential holds none of it.
     */
    private boolean opens(CredentialKey key, String value) {
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        Optional<byte[]> plain = seals.open(associatedData(key, value.substring(0, dot)), value.substring(dot + 1));
        plain.ifPresent(bytes -> Arrays.fill(bytes, (byte) 0));
        if (plain.isEmpty()) {
            unopened(key);
        }
        return plain.isPresent();
    }

    /** The shared copy of {@code key}'s credential, or empty when there is none, or none this node can open. */
    Optional<Shared> read(CredentialKey key) {
        return open(key, map.get(credentialKey(key)));
    }

    /**
     * {@code value} as the shared copy of {@code key}'s credential, or empty when it is none this
     * node can take: no value, a value Tollgate did not write (the map holds whatever anyone with
     * access put there), one sealed with a key this server does not know, moved from another key,
     * or altered. The next fetch replaces it.
     */
    private Optional<Shared> open(CredentialKey key, String value) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot <= 0) {
            LOG.fine(() -> key.client() + "/" + key.credential() + ": the cluster holds a value Tollgate did not write; fetched again");
            return Optional.empty();
        }
        String id = value.substring(0, dot);
        Optional<byte[]> plain = seals.open(associatedData(key, id), value.substring(dot + 1));
        if (plain.isEmpty()) {
            unopened(key);
            return Optional.empty();
        }
        try {
            return Optional.of(decodeCredential(id, plain.get()));
        } catch (RuntimeException | LinkageError e) {
            LOG.fine(() -> key.client() + "/" + key.credential() + ": the cluster's copy does not decode; fetched again");
            return Optional.empty();
        }
    }

    /**
     * Told once at WARNING: servers sealing with different keys share nothing (each fetches its
     * own), which an administrator who gave each server a key of its own must hear about.
     */
    private void unopened(CredentialKey key) {
        if (toldUnopened.compareAndSet(false, true)) {
            LOG.warning(() -> key.client() + "/" + key.credential() + ": a credential another server of the cluster shared"
                    + " does not open here: that server has another " + DatabaseStoreFactory.ENCRYPTION_KEY + " (one this"
                    + " server lacks, also in " + DatabaseStoreFactory.PREVIOUS_KEYS + "), or other values for the client's"
                    + " tollgate." + key.client() + ".* keys. Give every server of the cluster the same key (during a rotation,"
                    + " the new key as a previous key first) and the same client configuration; until then each server"
                    + " fetches its own credentials.");
        } else {
            LOG.fine(() -> key.client() + "/" + key.credential() + ": the cluster's copy does not open with this server's keys"
                    + " (another key, or altered): fetched again");
        }
    }

    /** Shares {@code fresh} until it expires; its id. Not shared (null) when it never expires. */
    String write(CredentialKey key, CachedCredential fresh) {
        Optional<Instant> expiry = fresh.credential().expiresAt();
        if (expiry.isEmpty()) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), expiry.get());
        if (left.isNegative() || left.isZero()) {
            return null;
        }
        String id = randomId();
        String sealed = seals.seal(associatedData(key, id), encodeCredential(fresh));
        map.put(credentialKey(key), id + "." + sealed, left);
        return id;
    }

    /**
     * Drops the shared copy of {@code key} while it is still {@code id} (a vendor refused it); a
     * newer copy another node wrote meanwhile stays.
     */
    void invalidate(CredentialKey key, String id) {
        String name = credentialKey(key);
        String value = map.get(name);
        if (value != null && idOf(value).equals(id)) {
            map.remove(name, value);
        }
    }

    /** This node's claim to fetch {@code key} for the cluster, or null when another node holds it. */
    Claim claimFetch(CredentialKey key) {
        String name = "f|" + names(key);
        String mark = node + "." + randomId();
        return map.putIfAbsent(name, mark, lease) ? new Claim(name, mark) : null;
    }

    /** A fetch marker this node holds; released when the fetch ends, or by its lease when the node dies. */
    final class Claim implements AutoCloseable {
        private final String name;
        private final String mark;
        private boolean abandoned;

        private Claim(String name, String mark) {
            this.name = name;
            this.mark = mark;
        }

        /**
         * Not released at close: the cache has just failed to answer, and a cut-off member times
         * out each operation. The marker's lease ends it; the others wait at most that long.
         */
        void abandon() {
            abandoned = true;
        }

        @Override
        public void close() {
            if (abandoned) {
                return;
            }
            try {
                map.remove(name, mark);
            } catch (RuntimeException | LinkageError e) {
                LOG.fine(() -> "a fetch marker could not be released (" + e.getClass().getSimpleName() + "); its lease ends it");
            }
        }
    }

    /**
     * True for the one node of the cluster that may present {@code credential}'s refresh token: a
     * refresh token is presented once in the whole cluster, even when the node that presented it
     * died before sharing what it got. When the cluster cannot answer, false: a new grant instead.
     */
    boolean claimRefreshToken(Credential credential) {
        Optional<Secret> token = credential.refreshToken();
        if (token.isEmpty()) {
            return false;
        }
        try {
            Duration claimed = credential.refreshExpiresAt()
                    .map(expiry -> Duration.between(clock.instant(), expiry).plusMinutes(1))
                    .filter(left -> !left.isNegative() && !left.isZero() && left.compareTo(REFRESH_CLAIM_DEFAULT) < 0)
                    .orElse(REFRESH_CLAIM_DEFAULT);
            // one claim per key this server knows: a server amid a key rotation shares at least one
            // with every other, where a claim already made stops it. Made in one order on every
            // server (sorted, as locks are taken), so that two racing servers do not each win one
            // claim and lose the other, leaving a good refresh token to nobody
            for (String fingerprint : seals.fingerprints(token.get().reveal()).stream().sorted().toList()) {
                if (!map.putIfAbsent("r|" + fingerprint, node, claimed)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            unreachable(e);
            return false;
        }
    }

    /** Tells every other node that {@code client}'s stored {@code tenant} was saved or removed here. */
    void announceTenantChange(String client, String tenant) {
        try {
            map.put("t|" + encode(client) + "|" + encode(tenant), node + "." + randomId(), TENANT_NOTICE_LIFESPAN);
        } catch (RuntimeException | LinkageError e) {
            unreachable(e);
        }
    }

    /**
     * Told once per outage, at WARNING: the cluster did not answer, so this node fetches on its own.
     * A {@link LinkageError} counts as not answering too (the server's cache module not fully
     * visible to the deployment): the calls go on without the cluster rather than fail.
     */
    void unreachable(Throwable e) {
        if (failingSince.compareAndSet(null, clock.instant())) {
            LOG.warning(() -> "the cluster cache (" + describe() + ") did not answer (" + e.getClass().getName()
                    + "); this server fetches credentials on its own until it answers again");
        }
    }

    /**
     * The readiness report's {@code cache}: {@code cluster}, or since when the cluster's cache has
     * not answered: from the first operation it failed (a fetch's, a 401's drop, a tenant notice, a
     * refresh token's claim) until a fetch next goes through it whole (takes the cluster's copy, or
     * writes its own). A claim alone does not end it: a cache that answers claims but refuses writes
     * still shares nothing. No probe of its own, which could hang on a cache cut off from its cluster.
     */
    String state() {
        Instant since = failingSince.get();
        return since == null ? "cluster" : "cluster, not answering since " + since + " (this server fetches on its own)";
    }

    /** A fetch went through the cluster whole: it answers (again). */
    void reachable() {
        if (failingSince.getAndSet(null) != null) {
            LOG.info(() -> "the cluster cache (" + describe() + ") answers again");
        }
    }

    /** Stops listening; a map that fails to (the server stopped its cache first) does not keep the engine from closing. */
    @Override
    public void close() {
        closed = true;
        try {
            map.close();
        } catch (RuntimeException | LinkageError e) {
            LOG.fine(() -> "the cluster cache did not stop listening (" + e.getClass().getSimpleName() + "); closing anyway");
        }
    }

    static String credentialKey(CredentialKey key) {
        return "c|" + names(key);
    }

    private static String names(CredentialKey key) {
        return encode(key.client()) + "|" + encode(key.tenant()) + "|" + encode(key.credential()) + "|" + key.revision();
    }

    private static String idOf(String value) {
        int dot = value.indexOf('.');
        return dot < 0 ? value : value.substring(0, dot);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private String randomId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Each part preceded by its length, so that no two different places give the same bytes. The
     * client's configuration is a part too (its digest, never stored): a server configured
     * otherwise for the client (another account, another host, a typo) cannot take a copy
     * fetched with different values, and sends nothing it did not fetch for its own.
     */
    private byte[] associatedData(CredentialKey key, String id) {
        return LengthPrefixed.join(FORMAT, key.client().getBytes(StandardCharsets.UTF_8), key.tenant().getBytes(StandardCharsets.UTF_8),
                key.credential().getBytes(StandardCharsets.UTF_8), Long.toString(key.revision()).getBytes(StandardCharsets.US_ASCII),
                id.getBytes(StandardCharsets.US_ASCII), configurationDigest(key.client()));
    }

    private static byte[] encodeCredential(CachedCredential cached) {
        Credential credential = cached.credential();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeText(out, credential.value().reveal());
            writeInstant(out, credential.expiresAt().orElse(null));
            writeText(out, credential.refreshToken().map(Secret::reveal).orElse(null));
            writeInstant(out, credential.refreshExpiresAt().orElse(null));
            writeInstant(out, cached.obtainedAt());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static Shared decodeCredential(String id, byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            Secret value = Secret.of(readText(in));
            Instant expiry = readInstant(in);
            String refresh = readText(in);
            Instant refreshExpiry = readInstant(in);
            Instant obtained = readInstant(in);
            Credential credential = expiry == null ? Credential.permanent(value) : Credential.expiring(value, expiry);
            if (refresh != null) {
                credential = refreshExpiry == null ? credential.withRefreshToken(Secret.of(refresh))
                        : credential.withRefreshToken(Secret.of(refresh), refreshExpiry);
            }
            return new Shared(id, credential, obtained);
        } catch (IOException e) {
            throw new IllegalStateException("a shared credential that opened does not decode", e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeByte(instant == null ? NO_INSTANT : AN_INSTANT);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        if (in.readByte() == NO_INSTANT) {
            return null;
        }
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
