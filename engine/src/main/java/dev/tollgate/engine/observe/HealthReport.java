package dev.tollgate.engine.observe;

import java.time.Instant;
import java.util.List;

/**
 * What the readiness check {@code tollgate} reports: UP unless a credential is rejected or cooling
 * down. A client not called yet is UP (its configuration was validated at deployment).
 *
 * @param clients  the configured clients, sorted
 * @param problems the rejected and cooling-down credentials at {@code at}, sorted by client, tenant, credential
 */
public record HealthReport(Instant at, List<String> clients, List<Problem> problems) {

    public HealthReport {
        clients = List.copyOf(clients);
        problems = List.copyOf(problems);
    }

    public boolean isUp() {
        return problems.isEmpty();
    }
}
