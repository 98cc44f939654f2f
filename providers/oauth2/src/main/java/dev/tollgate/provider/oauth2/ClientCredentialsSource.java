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

    @Override
    public void check(TenantSettings settings) {
        TokenRequest.from(settings);
    }

    @Override
    public Credential obtain(TokenContext context) {
        TokenRequest.Prepared request = TokenRequest.from(context.settings()).clientCredentials(context.http(), context.clock());
        return read(send(request, request.sentSecrets()), context, Optional.empty());
    }

    @Override
    public Optional<Credential> refresh(TokenContext context, Credential current) {
        Optional<Secret> refreshToken = current.refreshToken();
        if (refreshToken.isEmpty()) {
            return Optional.empty();
        }
        TokenRequest.Prepared request = TokenRequest.from(context.settings()).refresh(context.http(), context.clock(), refreshToken.get());
        return Optional.of(read(send(request, withRefreshToken(request.sentSecrets(), refreshToken.get())), context, refreshToken));
    }

    private static TokenResponse send(TokenRequest.Prepared request, List<Secret> sent) {
        return TokenEndpoint.json(TokenEndpoint.send(request.invocation(), body -> OAuth2Error.parse(body).map(OAuth2Error::explanation),
                sent.toArray(Secret[]::new)), TokenResponse.class);
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
