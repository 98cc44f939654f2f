package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.provider.bigcommerce.StoreSettings;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.TenantSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;

/**
 * Verifies, with SmallRye JWT, the JWTs BigCommerce signs for an app with the app's client
 * secret: the {@code signed_payload_jwt} of app callbacks ({@code iss "bc"},
 * {@code sub "stores/{hash}"}) and the Current Customer JWT ({@code iss "bc/apps"},
 * {@code sub "{hash}"}). HS256 only (so {@code alg: none} and any other algorithm fail), the
 * signature, {@code aud} = the app's client id, the issuer, the subject's store, and the time
 * claims with a small leeway ({@code jwt-leeway}, default 30 seconds): not expired, not issued
 * in the future, and not living longer than {@code jwt-max-lifetime} (default 24 hours).
 *
 * <p>A callback's signed payload is good for one request: its {@code jti} is remembered (per
 * engine and client, in this JVM) until the payload could no longer pass, and a second request
 * with it is refused. A payload without {@code jti} is refused, as its replay could not be told.
 */
public final class BigCommerceJwtVerifier {

    private static final Logger LOG = Logger.getLogger(BigCommerceJwtVerifier.class.getName());
    /** How long BigCommerce's Current Customer JWTs live (providers/bigcommerce/PROTOCOL.md, Inbound). */
    private static final Duration CURRENT_CUSTOMER_LIFETIME = Duration.ofMinutes(15);

    /**
     * The callback ids seen, per engine (one per application) and client. Weak keys: an
     * undeployed application's engine takes its caches with it.
     */
    private static final Map<ConfiguredClients, Map<String, ReplayCache>> SEEN = Collections.synchronizedMap(new WeakHashMap<>());

    private final ConfiguredClients engine;
    private final String client;
    private final Clock clock;

    private BigCommerceJwtVerifier(ConfiguredClients engine, String client, Clock clock) {
        this.engine = engine;
        this.client = client;
        this.clock = clock;
    }

    public static BigCommerceJwtVerifier forClient(String client) {
        return new BigCommerceJwtVerifier(ConfiguredClients.current(), client, Clock.systemUTC());
    }

    public static BigCommerceJwtVerifier forClient(ConfiguredClients engine, String client) {
        return new BigCommerceJwtVerifier(engine, client, Clock.systemUTC());
    }

    /** With the clock that says when "now" is for {@code iat} and for forgetting seen callbacks. */
    public static BigCommerceJwtVerifier forClient(ConfiguredClients engine, String client, Clock clock) {
        return new BigCommerceJwtVerifier(engine, client, clock);
    }

    /**
     * Verifies a callback's {@code signed_payload_jwt}, and that it was not used before. Its store
     * must be one of this client's: a configured tenant's (or the client's own), or a store that
     * installed the app (tenant {@code store-<hash>} in the tenant store).
     */
    public SignedPayload verifySignedPayload(String jwt) {
        return verifySignedPayload(jwt, false);
    }

    /**
     * {@link #verifySignedPayload} of a payload whose store may be unknown here (an uninstall of a
     * store that is not installed any more): its tenant is then empty.
     */
    SignedPayload verifySignedPayloadOfAnyStore(String jwt) {
        return verifySignedPayload(jwt, true);
    }

    private SignedPayload verifySignedPayload(String jwt, boolean anyStore) {
        TenantSettings app = engine.settings(client, "");
        JwtRules rules = JwtRules.from(app);
        JsonWebToken token = parse(app, rules, jwt, "bc");
        String subject = token.getSubject();
        if (subject == null || !subject.startsWith("stores/") || subject.length() == "stores/".length()) {
            throw rejected(app, "its subject is not stores/{store_hash}");
        }
        String hash = subject.substring("stores/".length());
        Optional<String> tenant;
        try {
            tenant = tenantOf(app, hash);
        } catch (JwtRejectedException unknownStore) {
            if (!anyStore) {
                throw unknownStore;
            }
            tenant = Optional.empty();
        }
        JsonObject user = object(app, token, "user");
        JsonObject owner = object(app, token, "owner");
        SignedPayload payload = new SignedPayload(hash, tenant, person(app, user), person(app, owner), text(token, "url").orElse(null),
                number(token.getClaim("channel_id")));
        requireFirstUse(app, rules, token);
        return payload;
    }

    /**
     * Last, once everything else passed, so that only BigCommerce's own payloads take room. Kept
     * until the payload expires for good: {@code exp} plus the leeway, and a second for rounding.
     */
    private void requireFirstUse(TenantSettings app, JwtRules rules, JsonWebToken token) {
        String jti = token.getTokenID();
        if (jti == null || jti.isEmpty()) {
            throw rejected(app, "it has no jti, so a replay of it could not be told");
        }
        Instant forgetAt = Instant.ofEpochSecond(token.getExpirationTime()).plus(rules.leeway()).plusSeconds(1);
        ReplayCache seen = SEEN.computeIfAbsent(engine, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(client, c -> new ReplayCache(rules.replayCapacity()));
        switch (seen.firstUse(jti, forgetAt, clock.instant())) {
            case FIRST -> { }
            case REPLAY -> throw rejected(app, "it was used before (same jti); a signed payload is good for one request");
            case FULL -> {
                LOG.warning(() -> app.ref().describe() + ": more callbacks within their lifetime than "
                        + app.keyName(JwtRules.REPLAY_CAPACITY) + " (" + rules.replayCapacity() + ") allows remembering;"
                        + " refusing new ones until older ones expire. Raise the key if this traffic is genuine.");
                throw rejected(app, "too many callbacks are live to remember one more (" + app.keyName(JwtRules.REPLAY_CAPACITY) + ")");
            }
        }
    }

    /**
     * Forgets that a verified callback's {@code signed_payload_jwt} was used: what it asked for
     * could not be done, and BigCommerce may send the same payload again. A JWT that does not
     * verify (any more) changes nothing.
     */
    void forgetUse(String jwt) {
        TenantSettings app = engine.settings(client, "");
        JwtRules rules = JwtRules.from(app);
        String jti;
        try {
            jti = parse(app, rules, jwt, "bc").getTokenID();
        } catch (JwtRejectedException notOurs) {
            return;
        }
        Map<String, ReplayCache> caches = SEEN.get(engine);
        ReplayCache seen = caches == null || jti == null ? null : caches.get(client);
        if (seen != null) {
            seen.forget(jti);
        }
    }

    /** Verifies the JWT the storefront's {@code /customer/current.jwt} returned. */
    public CurrentCustomer verifyCurrentCustomer(String jwt) {
        TenantSettings app = engine.settings(client, "");
        JsonWebToken token = parse(app, JwtRules.from(app), jwt, "bc/apps");
        // BigCommerce signs other app JWTs with the same secret and issuer: only this operation
        // is a statement about the browser's customer, and it lives 15 minutes, not a callback's day
        if (!text(token, "operation").filter("current_customer"::equals).isPresent()) {
            throw rejected(app, "it is not a Current Customer JWT (operation is not current_customer)");
        }
        if (token.getExpirationTime() - token.getIssuedAtTime() > CURRENT_CUSTOMER_LIFETIME.toSeconds()) {
            throw rejected(app, "it lives longer (exp - iat) than the 15 minutes BigCommerce gives a Current Customer JWT");
        }
        String hash = token.getSubject();
        if (hash == null || hash.isBlank()) {
            throw rejected(app, "it names no store in its subject");
        }
        Optional<String> tenant = tenantOf(app, hash);
        JsonObject customer = object(app, token, "customer");
        long id = number(customer.get("id")).orElseThrow(() -> rejected(app, "customer.id is missing"));
        long group = number(customer.get("group_id")).orElse(0L);
        return new CurrentCustomer(hash, tenant, id, stringOf(customer.get("email")).orElse(null), group);
    }

    /**
     * Where the browser gets the Current Customer JWT for this app:
     * {@code {storefront-url}/customer/current.jwt?app_client_id=<client id>}.
     */
    public URI currentCustomerUrl(String tenant) {
        TenantSettings settings = engine.settings(client, tenant);
        URI storefront = StoreSettings.storefrontUrl(settings).orElseThrow(() -> settings.invalid(StoreSettings.STOREFRONT_URL,
                "is not set; the Current Customer JWT comes from the store's domain"));
        return UriBuilder.fromUri(storefront).path("customer/current.jwt")
                .queryParam("app_client_id", AppCredentials.from(settings).clientId()).build();
    }

    private JsonWebToken parse(TenantSettings app, JwtRules timing, String jwt, String issuer) {
        if (jwt == null || jwt.isBlank()) {
            throw rejected(app, "no JWT was given");
        }
        AppCredentials credentials = AppCredentials.from(app);
        JWTAuthContextInfo rules = new JWTAuthContextInfo(credentials.key(), issuer);
        rules.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        rules.setExpectedAudience(Set.of(credentials.clientId()));
        // at least 1 s: SmallRye reads 0 as "use its 60 s default"
        rules.setExpGracePeriodSecs((int) Math.max(1, timing.leeway().toSeconds()));
        rules.setRequiredClaims(Set.of("iat", "exp", "sub", "aud"));
        JsonWebToken token;
        try {
            token = new DefaultJWTParser(rules).parse(jwt.trim());
        } catch (ParseException | RuntimeException e) {
            // SmallRye's message says which check failed; the cause chain may quote claims, so it is dropped
            throw rejected(app, "it failed verification (" + reason(e) + ")");
        }
        requireSaneTimes(app, timing, token);
        return token;
    }

    /**
     * What SmallRye does not check: an {@code iat} ahead of this server's clock (beyond the
     * leeway) and a lifetime longer than BigCommerce gives; either would let one captured JWT
     * serve for years.
     */
    private void requireSaneTimes(TenantSettings app, JwtRules timing, JsonWebToken token) {
        long issuedAt = token.getIssuedAtTime();
        long expiresAt = token.getExpirationTime();
        long now = clock.instant().getEpochSecond();
        if (issuedAt > now + timing.leeway().toSeconds()) {
            throw rejected(app, "it was issued in the future (iat ahead of this server's clock by more than "
                    + app.keyName(JwtRules.LEEWAY) + ")");
        }
        if (expiresAt + timing.leeway().toSeconds() <= now) {
            throw rejected(app, "it failed verification (expired)");
        }
        if (expiresAt - issuedAt > timing.maxLifetime().toSeconds()) {
            throw rejected(app, "it lives longer (exp - iat) than " + app.keyName(JwtRules.MAX_LIFETIME) + " allows ("
                    + timing.maxLifetime() + ")");
        }
    }

    /**
     * The tenant of the store {@code hash}: a configured tenant with that own {@code store-hash},
     * the client itself when it has no tenants and that is its own, else the stored tenant
     * {@code store-<hash>} whose stored {@code store-hash} is this one, as the engine serves it (its
     * cached view of the tenant store: a Current Customer JWT comes with storefront traffic).
     */
    private Optional<String> tenantOf(TenantSettings app, String hash) {
        InstalledStores stores = new InstalledStores(engine, client);
        Set<String> tenants = engine.tenants(client);
        if (tenants.isEmpty() && !stores.keepsStoredTenants()) {
            if (!hash.equals(StoreSettings.storeHash(app))) {
                throw rejected(app, "it is for another store than " + app.keyName(StoreSettings.STORE_HASH));
            }
            return Optional.empty();
        }
        if (stores.isClientsOwnStore(hash)) {
            return Optional.empty();
        }
        List<String> matching = tenants.stream().filter(tenant -> engine.settings(client, tenant)
                .getTenantOwn(StoreSettings.STORE_HASH).map(String::trim).filter(hash::equals).isPresent()).toList();
        if (matching.size() > 1) {
            throw rejected(app, "its store hash is configured for more than one tenant " + matching
                    + "; give each store its own tenant");
        }
        if (matching.size() == 1) {
            return Optional.of(matching.get(0));
        }
        if (stores.isInstalled(hash)) {
            return Optional.of(InstalledStores.tenantOf(hash));
        }
        throw rejected(app, "it is for a store no tenant of this client has (configured, or installed in the tenant store)");
    }

    private JwtRejectedException rejected(TenantSettings app, String why) {
        return new JwtRejectedException(app.ref(), "a JWT said to come from BigCommerce was refused: " + why + ".");
    }

    private JsonObject object(TenantSettings app, JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw rejected(app, "the '" + claim + "' claim is missing");
    }

    private SignedPayload.Person person(TenantSettings app, JsonObject json) {
        long id = number(json.get("id")).orElseThrow(() -> rejected(app, "a user or owner has no id"));
        return new SignedPayload.Person(id, stringOf(json.get("email")).orElse(null), stringOf(json.get("locale")));
    }

    private static Optional<String> text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return value instanceof String s ? Optional.of(s) : value instanceof JsonString js ? Optional.of(js.getString()) : Optional.empty();
    }

    private static Optional<String> stringOf(JsonValue value) {
        return value instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static Optional<Long> number(Object value) {
        if (value instanceof JsonNumber n) {
            return Optional.of(n.longValue());
        }
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        return Optional.empty();
    }

    /**
     * Which check failed, in words: jose4j's error codes, not its messages, which can quote the
     * token's claims.
     */
    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidAlgorithmException) {
                return "not signed with HS256";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return "expired";
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return "bad or missing signature";
                }
                if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return "not for this app's client id";
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "wrong issuer";
                }
                if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                    return "not valid yet";
                }
                return "malformed, or invalid claims";
            }
        }
        return "malformed, or not signed with HS256";
    }
}
