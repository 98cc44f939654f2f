package dev.tollgate.provider.taxizer;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.TenantKey;
import java.util.List;
import dev.tollgate.spi.TenantSettings;

/**
 * Taxizer ({@code provider=taxizer}): {@code POST {base}/v1/Auth/Connect} with the app's client id
 * and secret gives a JWT and a refresh token; {@code POST {base}/v1/Auth/AppRefreshToken} renews
 * both (the refresh token rotates). Keys: {@code client-id}, {@code client-secret},
 * {@code base-url} (required: the production host is not published; staging is
 * {@code https://apistaging.taxizer.com}).
 * Taxizer's protocol as Tollgate relies on it, and what is assumed: providers/taxizer/PROTOCOL.md.
 */
public final class TaxizerProvider implements AuthProvider {

    public static final String ID = "taxizer";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        // the two auth endpoints take the client's own credentials in their bodies
        return ClientProtocol.always(new SessionSource())
                .exceptPaths(path -> path.startsWith("v1/Auth/"))
                .errorDetail(TaxizerMessage::parse)
                .rejectionAdvice(settings -> "Check " + settings.keyName(SessionSource.CLIENT_ID) + " and "
                        + settings.keyName(SessionSource.CLIENT_SECRET) + " (Taxizer answers 400 to a wrong client id or secret).")
                // a tenant saved at run time is an app of its own; the host stays the client's
                .tenantKeys(List.of(TenantKey.plain(SessionSource.CLIENT_ID, "Taxizer client id"),
                        TenantKey.secret(SessionSource.CLIENT_SECRET, "Taxizer client secret")))
                // Connect answers with a session only for the right client id and secret
                .verifiedByObtaining();
    }
}
