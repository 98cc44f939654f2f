package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.JwtException;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * RFC 7523 §2.2 and RFC 7521 §4.2: the client proves who it is with a JWT it signs
 * ({@code private_key_jwt}, {@code client_secret_jwt}). Each token request, the refresh grant's too,
 * carries a new assertion: {@code iss} = {@code sub} = the client id, {@code aud} = the token
 * endpoint (or {@code assertion-audience}), a random {@code jti}, and {@code iat}/{@code exp} from
 * the engine's clock, {@code assertion-lifetime} apart. Servers remember each {@code jti} until
 * the assertion expires and refuse it again, so an assertion is never reused.
 */
final class JwtClientAssertion implements ClientAuthentication {

    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String ASSERTION_AUDIENCE = "assertion-audience";
    static final String ASSERTION_LIFETIME = "assertion-lifetime";
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);
    /** Servers refuse long-lived assertions (several cap them at a few minutes); a short one limits a stolen one's use. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    /** 144 random bits: unguessable and, within any assertion's lifetime, never repeated. */
    private static final int JTI_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final AssertionSigner signer;
    private final Optional<String> audience;
    private final Duration lifetime;

    private JwtClientAssertion(String clientId, AssertionSigner signer, Optional<String> audience, Duration lifetime) {
        this.clientId = clientId;
        this.signer = signer;
        this.audience = audience;
        this.lifetime = lifetime;
    }

    static JwtClientAssertion from(TenantSettings settings, String clientId, AssertionSigner signer) {
        SmallRyeJwtSettings.check(settings, signer.method());
        Optional<String> audience = settings.get(ASSERTION_AUDIENCE).map(String::trim);
        Duration lifetime = settings.duration(ASSERTION_LIFETIME, DEFAULT_LIFETIME);
        if (lifetime.toSeconds() < 1 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw settings.invalid(ASSERTION_LIFETIME, "must be between PT1S and " + MAX_LIFETIME + " (servers refuse longer-lived assertions)");
        }
        return new JwtClientAssertion(clientId, signer, audience, lifetime);
    }

    @Override
    public String method() {
        return signer.method();
    }

    /** §3 allows {@code client_id} besides the assertion, and several servers need it to find the client's key. */
    @Override
    public List<Secret> addTo(Invocation.Builder request, Form form, URI tokenUrl, Clock clock) {
        Secret assertion = Secret.of(build(tokenUrl, clock));
        form.param("client_id", clientId)
                .param("client_assertion_type", TYPE)
                .param("client_assertion", assertion.reveal());
        List<Secret> sent = new ArrayList<>(signer.secrets());
        sent.add(assertion);
        return sent;
    }

    private String build(URI tokenUrl, Clock clock) {
        long issuedAt = clock.instant().getEpochSecond();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience.orElseGet(() -> endpoint(tokenUrl)))
                .claim("jti", newJti())
                .issuedAt(issuedAt)
                .expiresAt(issuedAt + lifetime.toSeconds());
        try {
            return signer.sign(claims.jws());
        } catch (JwtException e) {
            // the library's message may describe the key; its type is enough to tell what failed
            throw new IllegalStateException("the client assertion could not be signed with " + signer.algorithm()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The token endpoint as servers name it in their metadata and compare {@code aud} with: without
     * the query a configured URL may carry (a key, an API version), which is no part of its name.
     */
    private static String endpoint(URI tokenUrl) {
        try {
            return new URI(tokenUrl.getScheme(), tokenUrl.getRawAuthority(), tokenUrl.getRawPath(), null, null).toString();
        } catch (java.net.URISyntaxException e) {
            return tokenUrl.toString();
        }
    }

    private static String newJti() {
        byte[] bytes = new byte[JTI_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
