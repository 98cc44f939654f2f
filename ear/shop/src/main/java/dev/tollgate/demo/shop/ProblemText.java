package dev.tollgate.demo.shop;

import dev.tollgate.engine.CacheEntry;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Problem;

/** A readiness problem in the words of the server's {@code tollgate} health check: its data key and value. */
final class ProblemText {

    private ProblemText() {
    }

    /** {@code <client>/<tenant or ->/<credential>}. */
    static String key(CredentialId id) {
        return id.client() + "/" + (id.tenant().isEmpty() ? "-" : id.tenant()) + "/" + id.credential();
    }

    /** The same key for a cache entry. */
    static String key(CacheEntry e) {
        return e.client() + "/" + (e.tenant().isEmpty() ? "-" : e.tenant()) + "/" + e.credential();
    }

    /** {@code rejected: <reason>} or {@code cooling down until <instant>: <reason>}. */
    static String describe(Problem p) {
        return switch (p.kind()) {
            case REJECTED -> "rejected: " + p.reason();
            case COOLING_DOWN -> "cooling down until " + p.until() + ": " + p.reason();
        };
    }

    /** "UP", or "DOWN" and one line per problem: for scripts ({@code ear/run-demo.sh --status}). */
    static String of(HealthReport report) {
        StringBuilder text = new StringBuilder(report.isUp() ? "UP" : "DOWN");
        for (Problem p : report.problems()) {
            text.append('\n').append(key(p.id())).append(": ").append(describe(p));
        }
        return text.append('\n').toString();
    }
}
