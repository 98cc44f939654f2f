package dev.tollgate.testkit.simulator.oauth2;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Error responses of RFC 6749 §5.2 ({@code {"error","error_description"}}) and RFC 6750 §3
 * (a Bearer challenge from the protected resource), all with {@code Cache-Control: no-store}.
 */
final class OAuth2Errors {

    static final String BASIC_CHALLENGE = "Basic realm=\"oauth2\"";

    private static final Jsonb JSON = JsonbBuilder.create();

    /** Public: Yasson cannot read a package-private record. */
    public record Body(String error, String error_description) {
    }

    private OAuth2Errors() {
    }

    static Response tokenError(int status, String error, String description) {
        return Response.status(status)
                .entity(JSON.toJson(new Body(error, description)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** 401 invalid_client; challenged with Basic when the client tried Basic (§5.2). */
    static Response invalidClient(String description, boolean basicChallenge) {
        Response response = tokenError(401, "invalid_client", description);
        return basicChallenge
                ? Response.fromResponse(response).header("WWW-Authenticate", BASIC_CHALLENGE).build()
                : response;
    }

    /**
     * A scheduled token-endpoint fault in the §5.2 shape. The RFC has codes only for 400 and 401;
     * for other statuses the codes an operator would recognise are assumed.
     */
    static Response fault(int status) {
        String error = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "invalid_client";
            case 403 -> "unauthorized_client";
            case 429, 503 -> "temporarily_unavailable";
            default -> "server_error";
        };
        return tokenError(status, error, "Simulated failure");
    }

    /**
     * 401 from the protected resource: a bare challenge when no token came (RFC 6750 §3.1), and
     * {@code error="invalid_token"} when one came but is unknown, revoked or expired.
     */
    static Response unauthorizedResource(boolean tokenPresented, String description) {
        Response.ResponseBuilder builder = Response.status(401).header("Cache-Control", "no-store");
        if (!tokenPresented) {
            return builder.header("WWW-Authenticate", "Bearer realm=\"oauth2\"").build();
        }
        return builder.header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .entity(JSON.toJson(new Body("invalid_token", description)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
