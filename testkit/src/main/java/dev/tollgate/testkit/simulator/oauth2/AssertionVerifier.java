package dev.tollgate.testkit.simulator.oauth2;

import dev.tollgate.testkit.simulator.oauth2.ClientAuthentication.Authenticated;
import dev.tollgate.testkit.simulator.oauth2.ClientAuthentication.Outcome;
import dev.tollgate.testkit.simulator.oauth2.ClientAuthentication.Refused;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AuthMethod;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.HttpHeaders;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client authentication by JWT assertion, checked as an authorization server does (RFC 7523 §3,
 * RFC 7521 §4.2): {@code client_assertion_type} is the JWT bearer type; the JWS is signed with the
 * client's registered key and one of its algorithms ({@code private_key_jwt}: RS256/PS256 with an
 * RSA key, ES256 with an EC key; {@code client_secret_jwt}: HS256 with the client secret), never
 * {@code none} and never HS256 for a key-registered client (a server that accepted an HMAC keyed
 * with the public key would let anyone who knows it sign); {@code iss} = {@code sub} = the client id
 * (and {@code client_id} when sent); {@code aud} holds the token endpoint URL or the issuer;
 * {@code exp} is in the future and at most ten minutes after {@code iat}; each {@code jti} is
 * accepted once while its assertion lives. Every failure is 401 {@code invalid_client}.
 * Signatures are verified with the JDK ({@link Signature}, {@link Mac}), not with a JOSE library,
 * so the simulator shares no code, and no bug, with the client.
 */
final class AssertionVerifier {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** Clocks differ a little between hosts; servers allow for it on iat. */
    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final OAuth2Clients clients;
    private final Clock clock;
    /** {@code client-id jti} of accepted assertions, until they expire. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicInteger replays = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    AssertionVerifier(OAuth2Clients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** The request authenticates with an assertion (or tries to). */
    static boolean presents(Map<String, List<String>> form) {
        return form.containsKey("client_assertion") || form.containsKey("client_assertion_type");
    }

    int replays() {
        return replays.get();
    }

    /** Every {@code client_assertion} received, accepted or not, in order. */
    List<String> received() {
        return List.copyOf(received);
    }

    Outcome verify(HttpHeaders headers, Map<String, List<String>> form, URI tokenEndpoint, URI issuer) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null || form.containsKey("client_secret")) {
            return new Refused(400, "invalid_request", "Use one client authentication method, not an assertion and a secret", false);
        }
        String type = first(form, "client_assertion_type");
        String assertion = first(form, "client_assertion");
        if (assertion != null) {
            received.add(assertion);
        }
        if (type == null || assertion == null) {
            return new Refused(400, "invalid_request", "client_assertion and client_assertion_type go together", false);
        }
        if (!type.equals(JWT_BEARER)) {
            return invalid("Unsupported client_assertion_type");
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            return invalid("The client assertion is not a JWS in compact form");
        }
        Map<String, Object> header;
        Map<String, Object> claims;
        byte[] signature;
        try {
            header = json(parts[0]);
            claims = json(parts[1]);
            signature = BASE64URL.decode(parts[2]);
        } catch (IllegalArgumentException | JsonbException | ClassCastException malformed) {
            return invalid("The client assertion is malformed");
        }
        String subject = string(claims, "sub");
        if (subject == null || !subject.equals(string(claims, "iss"))) {
            return invalid("The assertion's iss and sub must both be the client id");
        }
        String clientId = first(form, "client_id");
        if (clientId != null && !clientId.equals(subject)) {
            return invalid("client_id does not match the assertion's subject");
        }
        Optional<OAuth2Clients.Client> client = clients.find(subject);
        if (client.isEmpty()) {
            return invalid("Unknown client");
        }
        AuthMethod method = client.get().authMethod();
        if (method != AuthMethod.PRIVATE_KEY_JWT && method != AuthMethod.CLIENT_SECRET_JWT) {
            return invalid("The client must authenticate with " + method.name().toLowerCase());
        }
        String algorithm = string(header, "alg");
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        Optional<String> badSignature = method == AuthMethod.PRIVATE_KEY_JWT
                ? checkKeySignature(subject, header, algorithm, signed, signature)
                : checkSecretSignature(client.get(), algorithm, signed, signature);
        if (badSignature.isPresent()) {
            return invalid(badSignature.get());
        }
        Optional<String> badClaims = checkClaims(claims, tokenEndpoint, issuer);
        if (badClaims.isPresent()) {
            return invalid(badClaims.get());
        }
        return firstUse(subject, string(claims, "jti"), Instant.ofEpochSecond(number(claims, "exp").longValue()))
                ? new Authenticated(client.get(), method)
                : invalid("The assertion's jti was used before");
    }

    private Optional<String> checkKeySignature(String clientId, Map<String, Object> header, String algorithm, byte[] signed,
                                               byte[] signature) {
        OAuth2Clients.AssertionKey key = clients.assertionKey(clientId).orElse(null);
        if (key == null) {
            return Optional.of("The client has no registered key");
        }
        if (algorithm == null || !key.algorithms().contains(algorithm)) {
            return Optional.of("The assertion's alg is not one the client is registered for");
        }
        String keyId = string(header, "kid");
        if (key.keyId() != null && keyId != null && !key.keyId().equals(keyId)) {
            return Optional.of("The assertion's kid names no key of the client");
        }
        return verifies(key.key(), algorithm, signed, signature) ? Optional.empty() : Optional.of("The assertion's signature is invalid");
    }

    private static Optional<String> checkSecretSignature(OAuth2Clients.Client client, String algorithm, byte[] signed,
                                                         byte[] signature) {
        if (!"HS256".equals(algorithm)) {
            return Optional.of("The assertion's alg is not one the client is registered for");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(client.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(signed), signature) ? Optional.empty()
                    : Optional.of("The assertion's signature is invalid");
        } catch (GeneralSecurityException e) {
            return Optional.of("The assertion's signature is invalid");
        }
    }

    /** RFC 7518 §3.3 (RS256), §3.5 (PS256: MGF1 with SHA-256, 32-byte salt), §3.4 (ES256: R and S, 32 bytes each). */
    private static boolean verifies(PublicKey key, String algorithm, byte[] signed, byte[] signature) {
        try {
            Signature verifier;
            switch (algorithm) {
                case "RS256" -> verifier = Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    verifier = Signature.getInstance("RSASSA-PSS");
                    verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                case "ES256" -> {
                    if (signature.length != 64) {
                        return false; // a DER-encoded ECDSA signature is not a JWS signature
                    }
                    verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
                }
                default -> {
                    return false;
                }
            }
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException wrongKeyOrMalformed) {
            return false;
        }
    }

    private Optional<String> checkClaims(Map<String, Object> claims, URI tokenEndpoint, URI issuer) {
        Object audience = claims.get("aud");
        List<?> audiences = audience instanceof List<?> list ? list : audience == null ? List.of() : List.of(audience);
        if (!audiences.contains(tokenEndpoint.toString()) && !audiences.contains(issuer.toString())) {
            return Optional.of("The assertion's aud must hold the token endpoint URL or the issuer");
        }
        BigDecimal exp = number(claims, "exp");
        if (exp == null) {
            return Optional.of("The assertion has no exp");
        }
        Instant now = clock.instant();
        Instant expires = Instant.ofEpochSecond(exp.longValue());
        if (!expires.isAfter(now)) {
            return Optional.of("The assertion has expired");
        }
        BigDecimal iat = number(claims, "iat");
        Instant issued = iat == null ? now : Instant.ofEpochSecond(iat.longValue());
        if (issued.isAfter(now.plus(LEEWAY))) {
            return Optional.of("The assertion was issued in the future");
        }
        if (Duration.between(issued, expires).compareTo(MAX_LIFETIME) > 0) {
            return Optional.of("The assertion lives longer than " + MAX_LIFETIME.toMinutes() + " minutes");
        }
        BigDecimal nbf = number(claims, "nbf");
        if (nbf != null && Instant.ofEpochSecond(nbf.longValue()).isAfter(now.plus(LEEWAY))) {
            return Optional.of("The assertion is not valid yet");
        }
        String jti = string(claims, "jti");
        if (jti == null || jti.isEmpty()) {
            return Optional.of("The assertion has no jti");
        }
        return Optional.empty();
    }

    /** Remembers {@code jti} until the assertion expires; false when it is already remembered (a replay). */
    private boolean firstUse(String clientId, String jti, Instant expires) {
        Instant now = clock.instant();
        seen.values().removeIf(until -> !until.isAfter(now));
        if (seen.putIfAbsent(clientId + " " + jti, expires) != null) {
            replays.incrementAndGet();
            return false;
        }
        return true;
    }

    private static Refused invalid(String description) {
        return new Refused(401, "invalid_client", description, false);
    }

    /** A JSON object; {@code null} or any other JSON value is malformed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String base64url) {
        String text = new String(BASE64URL.decode(base64url), StandardCharsets.UTF_8);
        Object value = text.strip().startsWith("{") ? JSON.fromJson(text, Map.class) : null;
        if (value == null) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> json, String name) {
        return json.get(name) instanceof String s ? s : null;
    }

    private static BigDecimal number(Map<String, Object> json, String name) {
        return json.get(name) instanceof BigDecimal n ? n : null;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? null : values.get(0);
    }
}
