package dev.tollgate.provider.sila;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.TenantKey;
import java.util.List;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Sila ({@code provider=sila}): an 8-hour access token from {@code POST {base}/auth_token} with
 * Basic client credentials and the app handle, sent as Bearer on every other call. Keys:
 * {@code client-id}, {@code client-secret}, {@code app-handle}, {@code base-url} (default the
 * sandbox, {@code https://sandbox.silamoney.com/0.2}; production is
 * {@code https://api.silamoney.com/0.2}).
 *
 * <p>Sila returns the same token while more than 30 minutes remain, so {@code refresh-before}
 * defaults to 30 minutes and may not be larger (the engine refuses it): a larger window would ask
 * again and again and get the same token back, on a rate-limited endpoint. Sila's protocol as
 * Tollgate relies on it: providers/sila/PROTOCOL.md.
 */
public final class SilaProvider implements AuthProvider {

    public static final String ID = "sila";
    public static final URI SANDBOX = URI.create("https://sandbox.silamoney.com/0.2");
    public static final URI PRODUCTION = URI.create("https://api.silamoney.com/0.2");
    static final Duration REUSE_WINDOW = Duration.ofMinutes(30);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(SANDBOX);
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        // auth_token takes Basic auth, which the token source sends itself
        return ClientProtocol.always(new AuthTokenSource())
                .exceptPaths("auth_token"::equals)
                .refreshBefore(REUSE_WINDOW, REUSE_WINDOW)
                .errorDetail(SilaMessage::parse)
                .credentialRefusal(SilaMessage::credentialRefusal)
                .rejectionAdvice(settings -> "Check " + settings.keyName(AuthTokenSource.CLIENT_ID) + ", "
                        + settings.keyName(AuthTokenSource.CLIENT_SECRET) + " and " + settings.keyName(AuthTokenSource.APP_HANDLE)
                        + "; sandbox and production apps have different credentials (base-url " + settings.baseUrl() + ").")
                // a tenant saved at run time is an app of its own; the environment stays the client's
                .tenantKeys(List.of(TenantKey.plain(AuthTokenSource.CLIENT_ID, "Sila client id"),
                        TenantKey.secret(AuthTokenSource.CLIENT_SECRET, "Sila client secret"),
                        TenantKey.plain(AuthTokenSource.APP_HANDLE, "Sila app handle")))
                // auth_token issues a token only to the app's client id, secret and handle together
                .verifiedByObtaining();
    }
}
