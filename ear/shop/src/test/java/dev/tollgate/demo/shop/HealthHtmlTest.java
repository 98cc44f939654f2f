package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health box says what the readiness check says, with the check's keys and values; the metrics table lists each series. */
class HealthHtmlTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    @Test
    void upWithoutProblems() {
        String html = HealthHtml.render(new EngineObservations(new HealthReport(NOW, List.of("billing", "taxjar"), List.of()), List.of()));
        assertTrue(html.contains("<section id=\"health\" class=\"up\">"), html);
        assertTrue(html.contains("<span id=\"health-status\">UP</span>"), html);
        assertTrue(html.contains("billing, taxjar"), html);
        assertFalse(html.contains("<ul id=\"problems\">"), html);
    }

    @Test
    void downWithEachRejectedOrCoolingDownCredentialByTheChecksKeyAndItsReasonEscaped() {
        Problem rejected = new Problem(new CredentialId("taxjar", "wonka", "api-token", "taxjar"), Problem.Kind.REJECTED,
                "the API at http://127.0.0.1:8083 refused the api-token (HTTP 401) <script>", NOW, null);
        Problem cooling = new Problem(new CredentialId("billing", "", "access-token", "oauth2"), Problem.Kind.COOLING_DOWN,
                "HTTP 503 from the token endpoint", NOW, NOW.plusSeconds(5));
        String html = HealthHtml.render(new EngineObservations(new HealthReport(NOW, List.of("billing", "taxjar"),
                List.of(cooling, rejected)), List.of()));
        assertTrue(html.contains("<section id=\"health\" class=\"down\">"), html);
        assertTrue(html.contains("<span id=\"health-status\">DOWN</span>"), html);
        assertTrue(html.contains("<li data-key=\"taxjar/wonka/api-token\"><code>taxjar/wonka/api-token</code> (taxjar): "
                + "rejected: the API at http://127.0.0.1:8083 refused the api-token (HTTP 401) &lt;script&gt;</li>"), html);
        assertTrue(html.contains("<li data-key=\"billing/-/access-token\"><code>billing/-/access-token</code> (oauth2): "
                + "cooling down until 2026-12-05T06:00:05Z: HTTP 503 from the token endpoint</li>"), html);
    }

    @Test
    void theMetricsTableListsEachSeriesWithItsTagsAndValue() {
        List<Measurement> measurements = List.of(
                new Measurement(Metric.TOKEN_REQUESTS, Map.of("client", "billing", "credential", "access-token", "outcome", "succeeded"), 3),
                new Measurement(Metric.SECONDS_LEFT, Map.of("client", "billing", "credential", "access-token"), Double.NaN),
                new Measurement(Metric.SECONDS_LEFT, Map.of("client", "sila", "credential", "access-token"), 1799.6));
        String html = HealthHtml.renderMetrics(new EngineObservations(new HealthReport(NOW, List.of(), List.of()), measurements));
        assertTrue(html.contains("<td><code>tollgate.token.requests</code></td><td>client=billing, credential=access-token, outcome=succeeded</td><td>3</td>"), html);
        assertTrue(html.contains("<td>client=billing, credential=access-token</td><td>—</td>"), html);
        assertTrue(html.contains("<td>client=sila, credential=access-token</td><td>1799.6</td>"), html);
    }
}
