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
 * to what is wrong; the first {@value #LISTED}, then {@code more} counting the others) and
 * {@code clients}, the configured clients. The reasons are the engine's own
 * messages, which never hold a secret.
 */
final class ReadinessResponse {

    static final String NAME = "tollgate";
    static final String CLIENTS = "clients";
    static final String MORE = "more";
    /**
     * Problems listed at most: a token endpoint down for a client with thousands of stored tenants
     * would otherwise make every probe's answer (which WildFly also logs at WARN for each query
     * while DOWN) grow with the tenants. The rest are counted under {@code more}.
     */
    static final int LISTED = 20;

    private ReadinessResponse() {
    }

    static HealthCheckResponse of(HealthReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(CLIENTS, String.join(",", report.clients()));
        report.problems().stream().limit(LISTED).forEach(problem -> data.put(key(problem.id()), value(problem)));
        int unlisted = report.problems().size() - LISTED;
        if (unlisted > 0) {
            data.put(MORE, unlisted + " more rejected or cooling-down credentials, not listed");
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
