package dev.tollgate.engine;

import dev.tollgate.engine.cluster.SharedMap;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
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
 *   <li>{@code r|fingerprint}: a refresh token has been presented by some node, never again;</li>
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
        void credentialChanged(CredentialKey key, String newId);

        void tenantChanged(String client, String tenant);
    }

    private final SharedMap map;
    private final SealedValues seals;
    private final Duration lease;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Marks this node's own notices, so that it does not act on them twice. */
    private final String node = randomId();
    private volatile boolean failing;

    SharedCredentials(SharedMap map, SealedValues seals, Duration lease, Clock clock) {
        this.map = map;
        this.seals = seals;
        this.lease = lease;
        this.clock = clock;
    }

    Duration lease() {
        return lease;
    }

    String describe() {
        return map.describe();
    }

    /** Starts telling {@code changes} what other nodes (and this one) change. */
    void listen(Changes changes) {
        map.listen((key, value) -> {
            try {
                dispatch(key, value, changes);
            } catch (RuntimeException e) {
                LOG.fine(() -> "a cluster notice could not be handled (" + e.getClass().getSimpleName() + ")");
            }
        });
    }

    private void dispatch(String key, String value, Changes changes) {
        String[] parts = key.split("\\|", -1);
        if (parts.length == 5 && parts[0].equals("c")) {
            changes.credentialChanged(new CredentialKey(decode(parts[1]), decode(parts[2]), decode(parts[3]),
                    Long.parseLong(parts[4])), value == null ? null : idOf(value));
        } else if (parts.length == 3 && parts[0].equals("t") && value != null && !value.startsWith(node + ".")) {
            changes.tenantChanged(decode(parts[1]), decode(parts[2]));
        }
    }

    /** The shared copy of {@code key}'s credential, or empty when there is none, or none this node can open. */
    Optional<Shared> read(CredentialKey key) {
        String value = map.get(credentialKey(key));
        if (value == null) {
            return Optional.empty();
        }
        String id = idOf(value);
        Optional<byte[]> plain = seals.open(associatedData(key, id), value.substring(id.length() + 1));
        if (plain.isEmpty()) {
            LOG.fine(() -> key.client() + "/" + key.credential() + ": the cluster's copy does not open with this server's"
                    + " tollgate.store.encryption-key (another key, or altered): fetched again");
            return Optional.empty();
        }
        return Optional.of(decodeCredential(id, plain.get()));
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

    /** True while some node's claim to fetch {@code key} holds. */
    boolean isBeingFetched(CredentialKey key) {
        return map.get("f|" + names(key)) != null;
    }

    /** A fetch marker this node holds; released when the fetch ends, or by its lease when the node dies. */
    final class Claim implements AutoCloseable {
        private final String name;
        private final String mark;

        private Claim(String name, String mark) {
            this.name = name;
            this.mark = mark;
        }

        @Override
        public void close() {
            try {
                map.remove(name, mark);
            } catch (RuntimeException e) {
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
            return map.putIfAbsent("r|" + seals.fingerprint(token.get().reveal()), node, claimed);
        } catch (RuntimeException e) {
            unreachable(e);
            return false;
        }
    }

    /** Tells every other node that {@code client}'s stored {@code tenant} was saved or removed here. */
    void announceTenantChange(String client, String tenant) {
        try {
            map.put("t|" + encode(client) + "|" + encode(tenant), node + "." + randomId(), TENANT_NOTICE_LIFESPAN);
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    /** Told once per outage, at WARNING: the cluster did not answer, so this node fetches on its own. */
    void unreachable(RuntimeException e) {
        if (!failing) {
            failing = true;
            LOG.warning(() -> "the cluster cache (" + map.describe() + ") did not answer (" + e.getClass().getName()
                    + "); this server fetches credentials on its own until it answers again");
        }
    }

    /** The cluster answered again. */
    void reachable() {
        if (failing) {
            failing = false;
            LOG.info(() -> "the cluster cache (" + map.describe() + ") answers again");
        }
    }

    @Override
    public void close() {
        map.close();
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

    /** Each part preceded by its length, so that no two different places give the same bytes. */
    private static byte[] associatedData(CredentialKey key, String id) {
        byte[][] parts = {FORMAT, key.client().getBytes(StandardCharsets.UTF_8), key.tenant().getBytes(StandardCharsets.UTF_8),
                key.credential().getBytes(StandardCharsets.UTF_8), Long.toString(key.revision()).getBytes(StandardCharsets.US_ASCII),
                id.getBytes(StandardCharsets.US_ASCII)};
        int length = 0;
        for (byte[] part : parts) {
            length += Integer.BYTES + part.length;
        }
        ByteBuffer data = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            data.putInt(part.length).put(part);
        }
        return data.array();
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
