package dev.tollgate.testkit.simulator.bigcommerce;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code signed_payload_jwt} BigCommerce puts on an app's load, uninstall and remove_user
 * callbacks (providers/bigcommerce/PROTOCOL.md, Inbound): HS256 with the app's client secret,
 * {@code iss "bc"}, {@code aud} the client id, {@code sub "stores/{hash}"}, {@code iat = nbf} now,
 * {@code exp} a day later, a fresh {@code jti}, who acts ({@code user}), the store's owner, the
 * control panel page ({@code url}) and the channel.
 */
final class SignedPayloads {

    static final Duration LIFETIME = Duration.ofHours(24);

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;

    SignedPayloads(Clock clock) {
        this.clock = clock;
    }

    String sign(BigCommerceApps.App app, String storeHash, long userId, String userEmail) {
        long now = clock.instant().getEpochSecond();
        StoreUser owner = StoreUser.ownerOf(storeHash);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", userId);
        user.put("email", userEmail);
        user.put("locale", "en-US");
        Map<String, Object> ownerClaim = new LinkedHashMap<>();
        ownerClaim.put("id", owner.id());
        ownerClaim.put("email", owner.email());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", app.clientId());
        claims.put("iss", "bc");
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("sub", "stores/" + storeHash);
        claims.put("user", user);
        claims.put("owner", ownerClaim);
        claims.put("url", "/");
        claims.put("channel_id", 1);
        String signingInput = encode("{\"typ\":\"JWT\",\"alg\":\"HS256\"}") + "." + encode(JSON.toJson(claims));
        return signingInput + "." + B64URL.encodeToString(hmacSha256(app.clientSecret(), signingInput));
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacSha256(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
