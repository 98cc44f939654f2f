package dev.tollgate.testkit.simulator.oauth2;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * RFC 8414 §3.1's location of the metadata of issuer {@code <base>/oauth2}: the well-known path
 * goes between the host and the issuer's path, so it sits outside {@code /oauth2}. Served next to
 * the {@link OAuth2Simulator} it belongs to ({@link OAuth2Simulator#wellKnown()}).
 */
@Path("/.well-known/oauth-authorization-server")
public class OAuth2WellKnown {

    private final AuthorizationServerMetadata metadata;

    OAuth2WellKnown(AuthorizationServerMetadata metadata) {
        this.metadata = metadata;
    }

    @GET
    @Path("oauth2")
    public Response metadata(@Context UriInfo uri) {
        return metadata.answer(AuthorizationServerMetadata.Location.OAUTH_AUTHORIZATION_SERVER, uri);
    }
}
