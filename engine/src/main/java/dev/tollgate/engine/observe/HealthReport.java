package dev.tollgate.engine.observe;

import java.time.Instant;
import java.util.List;

/**
 * What the readiness check {@code tollgate} reports: UP unless a credential is rejected or cooling
 * down. A client not called yet is UP (its configuration was validated at deployment). The cache
 * never makes it DOWN: a server whose cluster cache does not answer fetches on its own.
 *
 * @param clients  the configured clients, sorted
 * @param problems the rejected and cooling-down credentials at {@code at}, sorted by client, tenant, credential
 * @param cache    where credentials are kept: {@code local}, {@code cluster}, or, while the
 *                 cluster's cache does not answer, {@code cluster, not answering since <instant>}
 */
public record HealthReport(Instant at, List<String> clients, List<Problem> problems, String cache) {

    public static final String LOCAL = "local";

    public HealthReport {
        clients = List.copyOf(clients);
        problems = List.copyOf(problems);
        cache = cache == null ? LOCAL : cache;
    }

    /** The report of a server that keeps its credentials to itself. */
    public HealthReport(Instant at, List<String> clients, List<Problem> problems) {
        this(at, clients, problems, LOCAL);
    }

    public boolean isUp() {
        return problems.isEmpty();
    }
}
