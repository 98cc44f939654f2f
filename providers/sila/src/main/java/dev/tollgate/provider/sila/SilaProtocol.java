package dev.tollgate.provider.sila;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every request but the token request itself carries the app's Bearer token. */
final class SilaProtocol implements ClientProtocol {

    private final List<CredentialSource> accessToken = List.of(new AuthTokenSource());

    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        // auth_token takes Basic auth, which the token source sends itself; Bearer there is refused
        return request.relativePath().equals("auth_token") ? List.of() : accessToken;
    }

    @Override
    public List<CredentialSource> sources() {
        return accessToken;
    }

    /** Sila hands out the same token while more than 30 minutes remain: refresh at 30 minutes, never earlier. */
    @Override
    public Optional<Duration> defaultRefreshBefore() {
        return Optional.of(SilaProvider.REUSE_WINDOW);
    }

    @Override
    public Optional<Duration> maxRefreshBefore() {
        return Optional.of(SilaProvider.REUSE_WINDOW);
    }

    @Override
    public Optional<String> errorDetail(int status, String body) {
        return SilaMessage.parse(body);
    }

    /**
     * Sila's documented 403s (providers/sila/PROTOCOL.md) are all about the credential: a token of the other environment, a
     * Bearer value that is not base64, Basic auth on an endpoint other than auth_token.
     */
    @Override
    public Optional<String> credentialRefusal(int status, String body) {
        return SilaMessage.parse(body).filter(m -> m.equals("The auth token is invalid.")
                || m.startsWith("The Authorization: Bearer string is not properly encoded")
                || m.equals("Permission to auth this resource has been denied."));
    }

    @Override
    public String rejectionAdvice(TenantSettings settings) {
        return "Check " + settings.keyName(AuthTokenSource.CLIENT_ID) + ", " + settings.keyName(AuthTokenSource.CLIENT_SECRET)
                + " and " + settings.keyName(AuthTokenSource.APP_HANDLE) + "; sandbox and production apps have"
                + " different credentials (base-url " + settings.baseUrl() + ").";
    }
}
