package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.TenantKey;
import java.util.List;
import dev.tollgate.spi.TenantSettings;

/**
 * Any OAuth2 API ({@code provider=oauth2}): RFC 6749 client credentials grant (§4.4), refresh
 * token grant (§6) when the server issues refresh tokens, Bearer tokens (RFC 6750). Keys:
 * {@code token-url}, {@code client-id}, {@code client-secret}, optional {@code scope},
 * {@code audience}, {@code auth-method} ({@code client_secret_basic}, the default,
 * {@code client_secret_post}, or RFC 7523 assertions {@code client_secret_jwt} and
 * {@code private_key_jwt} with the {@code signing-key-*} and {@code assertion-*} keys);
 * {@code base-url} (required) is the API's. The RFC facts relied on:
 * providers/oauth2/PROTOCOL.md.
 */
public final class OAuth2Provider implements AuthProvider {

    public static final String ID = "oauth2";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return ClientProtocol.always(new ClientCredentialsSource())
                .errorDetail(body -> OAuth2Error.parse(body).map(OAuth2Error::explanation))
                .rejectionAdvice(settings -> "Check " + ClientAuthentications.keysToCheck(settings).stream()
                        .map(settings::keyName).collect(java.util.stream.Collectors.joining(", "))
                        + " and " + settings.keyName(TokenRequest.SCOPE)
                        + " against the authorization server's registration of this client.")
                // a tenant saved at run time brings its own client registration; the authorization
                // server, scope and audience are the API's, the same for every tenant
                .tenantKeys(List.of(TenantKey.plain(TokenRequest.CLIENT_ID, "OAuth2 client id"),
                        TenantKey.secret(TokenRequest.CLIENT_SECRET, "OAuth2 client secret")))
                // the client credentials grant succeeds only for a registered client and its secret
                .verifiedByObtaining();
    }
}
