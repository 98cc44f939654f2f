package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import java.util.List;
import java.util.stream.Stream;

/**
 * Any OAuth2 API ({@code provider=oauth2}): RFC 6749 client credentials grant (§4.4), refresh
 * token grant (§6) when the server issues refresh tokens, Bearer tokens (RFC 6750). Keys:
 * {@code token-url} or {@code issuer} (discovery, RFC 8414), {@code client-id},
 * {@code client-secret}, optional {@code scope}, {@code audience}, {@code resource} (RFC 8707),
 * {@code token-parameters}, {@code auth-method} ({@code client_secret_basic}, the default, or
 * {@code client_secret_post}); {@code base-url} (required) is the API's. The RFC facts relied on:
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
        Discovery discovery = new Discovery(); // one per client: its tenants share the issuer's metadata
        return ClientProtocol.always(new ClientCredentialsSource(discovery))
                .errorDetail(body -> OAuth2Error.parse(body).map(OAuth2Error::explanation))
                .rejectionAdvice(OAuth2Provider::rejectionAdvice)
                // a tenant saved at run time brings its own client registration and may ask for its
                // own scope, audience and resources; where secrets go (token-url, issuer) and how the
                // client authenticates stay the client's
                .tenantKeys(List.of(TenantKey.plain(TokenRequest.CLIENT_ID, "OAuth2 client id"),
                        TenantKey.secret(TokenRequest.CLIENT_SECRET, "OAuth2 client secret"),
                        TenantKey.plain(TokenRequest.SCOPE, "OAuth2 scope"),
                        TenantKey.plain(TokenRequest.AUDIENCE, "OAuth2 audience"),
                        TenantKey.plain(TokenRequest.RESOURCE, "OAuth2 resource indicators (RFC 8707)")))
                // the client credentials grant succeeds only for a registered client and its secret,
                // asking for what this tenant asks for
                .verifiedByObtaining();
    }

    /** The keys a token endpoint's refusal can be about: those of the registration, and what was asked for. */
    private static String rejectionAdvice(TenantSettings settings) {
        Stream<String> always = Stream.of(TokenRequest.CLIENT_ID, ClientAuthentications.credentialKey(settings), TokenRequest.AUTH_METHOD,
                TokenRequest.SCOPE);
        Stream<String> whenSet = Stream.of(TokenRequest.AUDIENCE, TokenRequest.RESOURCE, TokenRequest.TOKEN_PARAMETERS)
                .filter(key -> settings.get(key).isPresent()); // invalid_target is about resource, say
        List<String> keys = Stream.concat(always, whenSet).map(settings::keyName).toList();
        return "Check " + String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1)
                + " against the authorization server's registration of this client.";
    }
}
