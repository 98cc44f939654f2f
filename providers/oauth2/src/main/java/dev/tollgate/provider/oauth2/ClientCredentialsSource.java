package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client's access token: client credentials grant, renewed with the refresh token when the
 * server issued one. A server that omits {@code expires_in} gets no expiry: the token is used
 * until the API answers 401.
 */
final class ClientCredentialsSource extends BearerTokenSource {

    /** The client's authorization server metadata, when it has an {@code issuer}: the only thing kept between requests. */
    private final Discovery discovery;

    ClientCredentialsSource(Discovery discovery) {
        this.discovery = discovery;
    }

    /** Every key, without a request: discovery waits for the first token request (providers/oauth2/PROTOCOL.md). */
    @Override
    public void check(TenantSettings settings) {
        TokenRequest.from(settings, discovery);
    }

    @Override
    public Credential obtain(TokenContext context) {
        TokenRequest tokenRequest = TokenRequest.from(context.settings(), discovery);
        TokenRequest.Prepared request = tokenRequest.clientCredentials(context);
        return read(send(tokenRequest, request, request.sentSecrets()), context, Optional.empty());
    }

    @Override
    public Optional<Credential> refresh(TokenContext context, Credential current) {
        Optional<Secret> refreshToken = current.refreshToken();
        if (refreshToken.isEmpty()) {
            return Optional.empty();
        }
        TokenRequest tokenRequest = TokenRequest.from(context.settings(), discovery);
        TokenRequest.Prepared request = tokenRequest.refresh(context, refreshToken.get());
        return Optional.of(read(send(tokenRequest, request, withRefreshToken(request.sentSecrets(), refreshToken.get())), context,
                refreshToken));
    }

    private static TokenResponse send(TokenRequest tokenRequest, TokenRequest.Prepared request, List<Secret> sent) {
        String body;
        try {
            body = TokenEndpoint.send(request.invocation(), answer -> OAuth2Error.parse(answer).map(OAuth2Error::explanation),
                    sent.toArray(Secret[]::new));
        } catch (TokenEndpointException e) {
            tokenRequest.failed(e);
            throw e;
        }
        return TokenEndpoint.json(body, TokenResponse.class);
    }

    private static List<Secret> withRefreshToken(List<Secret> sent, Secret refreshToken) {
        List<Secret> all = new ArrayList<>(sent);
        all.add(refreshToken);
        return all;
    }

    /** §5.1; without a new refresh token, the one just used stays valid (§6). */
    private static Credential read(TokenResponse response, TokenContext context, Optional<Secret> usedRefreshToken) {
        Secret token = Expiry.token(response.access_token, "access_token");
        if (response.token_type == null || !response.token_type.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw TokenEndpointException.invalidResponse("token_type is not Bearer");
        }
        Credential credential = response.expires_in == null ? Credential.permanent(token)
                : Credential.expiring(token, Expiry.in(context.clock(), response.expires_in, "expires_in"));
        Optional<Secret> refresh = Optional.ofNullable(response.refresh_token).filter(r -> !r.isBlank()).map(Secret::of)
                .or(() -> usedRefreshToken);
        return refresh.map(credential::withRefreshToken).orElse(credential);
    }
}
