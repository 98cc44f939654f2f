package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.observe.HealthReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page's watch control: a meta refresh (the page runs no script) only while watching, and a way out. */
class DemoPageHtmlTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");
    private static final EngineObservations UP = new EngineObservations(new HealthReport(NOW, List.of("billing"), List.of()), List.of());

    @Test
    void aWatchedPageReloadsItselfEveryFiveSecondsAndOffersToStop() {
        String html = DemoPageHtml.render("", List.of(), List.of(), UP, NOW, NOW, true);
        assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"5\">"), html);
        assertTrue(html.contains("<a id=\"stop-watching\" href=\"./\">"), html);
        assertFalse(html.contains("<script"), html);
    }

    @Test
    void anUnwatchedPageDoesNotReloadAndOffersToWatch() {
        String html = DemoPageHtml.render("", List.of(), List.of(), UP, NOW, NOW, false);
        assertFalse(html.contains("http-equiv=\"refresh\""), html);
        assertTrue(html.contains("<a id=\"start-watching\" href=\"./?watch\">"), html);
        // the readiness box comes before the calls, the metrics after the cache
        assertTrue(html.indexOf("id=\"health\"") < html.indexOf("id=\"calls\""), html);
        assertTrue(html.indexOf("id=\"cache\"") < html.indexOf("id=\"metrics\""), html);
    }
}
