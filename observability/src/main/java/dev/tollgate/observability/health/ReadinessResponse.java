package dev.tollgate.observability.health;

import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The engine's readiness report as the health check's response: DOWN while any credential is
 * rejected or cooling down, one data entry per problem ({@code <client>/<tenant or ->/<credential>}
 * to what is wrong) and {@code clients}, the configured clients. The reasons are the engine's own
 * messages, which never hold a secret.
 */
final class ReadinessResponse {

    static final String NAME = "tollgate";
    static final String CLIENTS = "clients";

    private ReadinessResponse() {
    }

    static HealthCheckResponse of(HealthReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(CLIENTS, String.join(",", report.clients()));
        for (Problem problem : report.problems()) {
            data.put(key(problem.id()), value(problem));
        }
        // the response itself, not HealthCheckResponse.named(): the same on every implementation
        return new HealthCheckResponse(NAME, report.isUp() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    static String key(CredentialId id) {
        return id.client() + "/" + (id.tenant().isEmpty() ? "-" : id.tenant()) + "/" + id.credential();
    }

    static String value(Problem problem) {
        return switch (problem.kind()) {
            case REJECTED -> "rejected: " + problem.reason();
            case COOLING_DOWN -> "cooling down until " + problem.until() + ": " + problem.reason();
        };
    }
}
