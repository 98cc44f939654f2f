package dev.tollgate.testkit.simulator.bigcommerce;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The login service's error answers. BigCommerce's app guide does not publish them, so the
 * simulator answers as an RFC 6749 §5.2 server does: {@code {"error","error_description"}}, 400 or
 * 401, never cached.
 */
final class LoginErrors {

    private static final Jsonb JSON = JsonbBuilder.create();

    /** Public: Yasson cannot write a package-private record. */
    public record Body(String error, String error_description) {
    }

    private LoginErrors() {
    }

    static Response invalidRequest(String description) {
        return error(400, "invalid_request", description);
    }

    static Response invalidClient() {
        return error(401, "invalid_client", "Client authentication failed");
    }

    static Response invalidGrant(String description) {
        return error(400, "invalid_grant", description);
    }

    static Response unsupportedGrantType() {
        return error(400, "unsupported_grant_type", "Only grant_type authorization_code is supported");
    }

    /** A scheduled fault: RFC 6749 has codes for 400 and 401 only; the usual ones elsewhere. */
    static Response fault(int status) {
        String error = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "invalid_client";
            case 429, 503 -> "temporarily_unavailable";
            default -> "server_error";
        };
        return error(status, error, "Simulated failure");
    }

    private static Response error(int status, String error, String description) {
        return Response.status(status)
                .entity(JSON.toJson(new Body(error, description)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }
}
