package dev.tollgate.engine.observe;

import java.util.Map;

/** One series' value now, as the engine counts it itself: for pages, tests and plain Java. */
public record Measurement(Metric metric, Map<String, String> tags, double value) {

    public Measurement {
        tags = Map.copyOf(tags);
    }
}
