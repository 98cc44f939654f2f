package dev.tollgate.demo.shop;

import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The page's health box (what the server's readiness check {@code tollgate} reports: UP, or DOWN
 * with each rejected or cooling-down credential and why) and the engine's metrics table. Reasons
 * are the engine's messages, free of secrets; everything is escaped all the same.
 */
final class HealthHtml {

    private HealthHtml() {
    }

    /** The readiness box. */
    static String render(EngineObservations observations) {
        return health(observations.health());
    }

    /** The metrics table. */
    static String renderMetrics(EngineObservations observations) {
        return metrics(observations.measurements());
    }

    private static String health(HealthReport report) {
        StringBuilder html = new StringBuilder(1024);
        String status = report.isUp() ? "UP" : "DOWN";
        html.append("<section id=\"health\" class=\"").append(report.isUp() ? "up" : "down").append("\">")
                .append("<h2>Readiness: <span id=\"health-status\">").append(status).append("</span></h2>")
                .append("<p class=\"note\">The server's readiness check <code>tollgate</code> reports the same")
                .append(" (clients: ").append(Html.escape(String.join(", ", report.clients()))).append(").");
        if (report.isUp()) {
            return html.append(" No credential is rejected or cooling down.</p></section>").toString();
        }
        html.append(" DOWN while a vendor refuses a credential or its token endpoint is left alone after failures:</p><ul id=\"problems\">");
        for (Problem p : report.problems()) {
            html.append("<li data-key=\"").append(Html.escape(ProblemText.key(p.id()))).append("\"><code>").append(Html.escape(ProblemText.key(p.id())))
                    .append("</code> (").append(Html.escape(p.id().provider())).append("): ")
                    .append(Html.escape(ProblemText.describe(p))).append("</li>");
        }
        return html.append("</ul></section>").toString();
    }

    private static String metrics(List<Measurement> measurements) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<h2>Metrics (as the engine counts them)</h2>")
                .append("<p class=\"note\">The same series the server's metrics endpoint serves, since the deployment.</p>")
                .append("<table id=\"metrics\"><tr><th>Metric</th><th>Tags</th><th>Value</th></tr>");
        measurements.stream()
                .sorted(Comparator.comparing((Measurement m) -> m.metric().metricName()).thenComparing(m -> tags(m.tags())))
                .forEach(m -> html.append("<tr data-metric=\"").append(Html.escape(m.metric().metricName())).append("\"><td><code>")
                        .append(Html.escape(m.metric().metricName())).append("</code></td><td>").append(Html.escape(tags(m.tags())))
                        .append("</td><td>").append(value(m.value())).append("</td></tr>"));
        return html.append("</table>").toString();
    }

    private static String tags(Map<String, String> tags) {
        return new TreeMap<>(tags).entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(", "));
    }

    /** Counters are whole numbers; a gauge without a value now (NaN) is a dash. */
    private static String value(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
