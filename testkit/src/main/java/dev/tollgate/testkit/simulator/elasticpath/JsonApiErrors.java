package dev.tollgate.testkit.simulator.elasticpath;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Elastic Path's JSON:API error responses:
 * {@code {"errors":[{"status","title","detail"}]}}. The vendor sends {@code status} sometimes as
 * a number and sometimes as a string, so both forms exist here and clients must read either.
 */
final class JsonApiErrors {

    static final String UNABLE_TO_VALIDATE = "Unable to validate access token";

    private static final Jsonb JSON = JsonbBuilder.create();

    /**
     * One error; {@code status} an Integer or a String, {@code detail} null to leave it out.
     * Public, like the other JSON records: Yasson cannot read a package-private record.
     */
    public record Error(Object status, String title, String detail) {
    }

    public record Errors(List<Error> errors) {
    }

    private JsonApiErrors() {
    }

    /** The error with {@code status} as a JSON number. */
    static Response error(int status, String title, String detail) {
        return respond(status, new Error(status, title, detail));
    }

    /** The error with {@code status} as a JSON string, e.g. {@code "403"}. */
    static Response errorWithStringStatus(int status, String title, String detail) {
        return respond(status, new Error(String.valueOf(status), title, detail));
    }

    /** What every protected endpoint answers to a missing, unknown, expired or foreign access token. */
    static Response unableToValidate() {
        return error(401, UNABLE_TO_VALIDATE, null);
    }

    /** A scheduled token-endpoint fault, in Elastic Path's error shape. */
    static Response fault(int status) {
        return error(status, status == 429 ? "Too Many Requests" : "Simulated failure", null);
    }

    private static Response respond(int status, Error error) {
        return Response.status(status)
                .entity(JSON.toJson(new Errors(List.of(error))))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
