package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantSettings;
import java.util.List;
import java.util.Optional;

/** Every request carries the client's access token. */
final class OAuth2Protocol implements ClientProtocol {

    private final List<CredentialSource> accessToken;

    OAuth2Protocol(ClientCredentialsSource source) {
        this.accessToken = List.of(source);
    }

    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        return accessToken;
    }

    @Override
    public List<CredentialSource> sources() {
        return accessToken;
    }

    @Override
    public Optional<String> errorDetail(int status, String body) {
        return OAuth2Error.parse(body).map(OAuth2Error::explanation);
    }

    @Override
    public String rejectionAdvice(TenantSettings settings) {
        return "Check " + settings.keyName(TokenRequest.CLIENT_ID) + ", " + settings.keyName(TokenRequest.CLIENT_SECRET)
                + ", " + settings.keyName(TokenRequest.AUTH_METHOD) + " and " + settings.keyName(TokenRequest.SCOPE)
                + " against the authorization server's registration of this client.";
    }
}
