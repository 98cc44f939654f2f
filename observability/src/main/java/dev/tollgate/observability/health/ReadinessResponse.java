package dev.tollgate.observability.health;

import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Problem;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The engine's readiness report as the health check's response: DOWN while any credential is
 * rejected or cooling down, one data entry per problem ({@code <client>/<tenant or ->/<credential>}
 * to what is wrong; the first {@value #LISTED}, rejections first, then {@code more} counting the
 * others per client), {@code clients}, the configured clients, and, on a server of a cluster
 * ({@code tollgate.cache=cluster}), {@code cache}: {@code cluster}, or since when the cluster's
 * cache has not answered (never DOWN for that: the server then fetches on its own). The reasons
 * are the engine's own messages, which never hold a secret.
 */
final class ReadinessResponse {

    static final String NAME = "tollgate";
    static final String CLIENTS = "clients";
    static final String CACHE = "cache";
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
        if (!report.cache().equals(HealthReport.LOCAL)) {
            data.put(CACHE, report.cache());
        }
        // rejections first (stable: the engine's order otherwise): an outage of one client's many
        // tenants must not hide another client's refused credential
        List<Problem> problems = report.problems().stream()
                .sorted(Comparator.comparing(p -> p.kind() != Problem.Kind.REJECTED)).toList();
        problems.stream().limit(LISTED).forEach(problem -> data.put(key(problem.id()), value(problem)));
        if (problems.size() > LISTED) {
            Map<String, Long> perClient = problems.stream().skip(LISTED)
                    .collect(Collectors.groupingBy(p -> p.id().client(), TreeMap::new, Collectors.counting()));
            data.put(MORE, (problems.size() - LISTED) + " more rejected or cooling-down credentials, not listed ("
                    + perClient.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")");
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
