package dev.tollgate.demo.shop;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine tells operators, read once for the page: the readiness report (the server's
 * {@code tollgate} health check shows the same) and the metrics as the engine counts them.
 */
record EngineObservations(HealthReport health, List<Measurement> measurements) {

    /** The credentials a vendor refuses now, by the readiness check's key. */
    Map<String, Problem> rejected() {
        Map<String, Problem> rejected = new HashMap<>();
        health.problems().stream().filter(p -> p.kind() == Problem.Kind.REJECTED)
                .forEach(p -> rejected.put(ProblemText.key(p.id()), p));
        return rejected;
    }

    static EngineObservations of(TollgateEngine engine) {
        return new EngineObservations(engine.health(), engine.measurements());
    }
}
