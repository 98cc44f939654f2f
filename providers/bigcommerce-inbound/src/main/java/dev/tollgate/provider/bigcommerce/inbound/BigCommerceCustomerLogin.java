package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.provider.bigcommerce.StoreSettings;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.TenantSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Builds the Customer Login (SSO) URL BigCommerce documents (providers/bigcommerce/PROTOCOL.md, Inbound): a JWT signed HS256 with the app's client
 * secret, with {@code iss} = client id, {@code iat}, a unique {@code jti}, {@code operation},
 * {@code store_hash}, {@code customer_id} and the optional {@code channel_id}, {@code redirect_to}
 * and {@code request_ip}; the browser goes to {@code {storefront-url}/login/token/{jwt}}.
 * BigCommerce accepts {@code iat} for about 30 seconds and each URL once: build it per login.
 */
public final class BigCommerceCustomerLogin {

    /** What a login may add to the required claims. */
    public record Options(Integer channelId, String redirectTo, String requestIp) {

        public static Options none() {
            return new Options(null, null, null);
        }
    }

    private final ConfiguredClients engine;
    private final String client;
    private final Clock clock;

    private BigCommerceCustomerLogin(ConfiguredClients engine, String client, Clock clock) {
        this.engine = engine;
        this.client = client;
        this.clock = clock;
    }

    public static BigCommerceCustomerLogin forClient(String client) {
        return new BigCommerceCustomerLogin(ConfiguredClients.current(), client, Clock.systemUTC());
    }

    public static BigCommerceCustomerLogin forClient(ConfiguredClients engine, String client, Clock clock) {
        return new BigCommerceCustomerLogin(engine, client, clock);
    }

    /** The login URL for {@code customerId} of the store {@code tenant} ({@code ""} for the client's own). */
    public URI loginUrl(String tenant, long customerId, Options options) {
        TenantSettings settings = engine.settings(client, tenant);
        URI storefront = StoreSettings.storefrontUrl(settings).orElseThrow(() -> settings.invalid(StoreSettings.STOREFRONT_URL,
                "is not set; the login URL goes to the store's domain (e.g. https://store.example.com)"));
        return UriBuilder.fromUri(storefront).path("login/token/{jwt}").build(token(settings, customerId, options));
    }

    /** The signed JWT alone. */
    public String token(String tenant, long customerId, Options options) {
        return token(engine.settings(client, tenant), customerId, options);
    }

    private String token(TenantSettings settings, long customerId, Options options) {
        if (customerId <= 0) {
            throw new IllegalArgumentException("customerId must be positive");
        }
        AppCredentials app = AppCredentials.from(settings);
        Instant now = clock.instant();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(app.clientId())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(30))
                .claim("jti", UUID.randomUUID().toString())
                .claim("operation", "customer_login")
                .claim("store_hash", StoreSettings.storeHash(settings))
                .claim("customer_id", customerId);
        Optional.ofNullable(options.channelId()).ifPresent(c -> claims.claim("channel_id", c));
        Optional.ofNullable(options.redirectTo()).ifPresent(r -> claims.claim("redirect_to", r));
        Optional.ofNullable(options.requestIp()).ifPresent(ip -> claims.claim("request_ip", ip));
        return claims.jws().algorithm(SignatureAlgorithm.HS256).sign(app.key());
    }
}
