package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.CacheEntry;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache table: each credential's state, last renewal, expiry and last error, and a stale token renewed in the background. */
class CacheHtmlTest {

    private static final Instant OBTAINED = Instant.parse("2026-12-05T06:00:00Z");
    private static final Instant CALLS_BEGAN = Instant.parse("2026-12-05T06:00:20Z");
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:21Z");

    @Test
    void aStaleTokenRenewedDuringThePagesCallsShowsItsNewRenewalTimeAndHowItWasRenewed() {
        CacheEntry stale = billing(OBTAINED, 1);
        Instant renewed = CALLS_BEGAN.plusMillis(300);
        CacheEntry fresh = billing(renewed, 2);
        String html = CacheHtml.render(CacheRow.of(List.of(stale), List.of(fresh)), Map.of(), CALLS_BEGAN, NOW);
        String row = row(html, "billing/-/access-token");
        assertTrue(row.contains("fresh: renewed in the background during this page&#39;s calls, which it served while stale"), row);
        assertTrue(row.contains("<td class=\"renewed\">" + renewed + "</td>"), row);
    }

    @Test
    void aStaleTokenWhoseRenewalIsStillRunningSaysItServedTheCalls() {
        CacheEntry stale = billing(OBTAINED, 1);
        String html = CacheHtml.render(CacheRow.of(List.of(stale), List.of(stale)), Map.of(), CALLS_BEGAN, NOW);
        assertTrue(row(html, "billing/-/access-token").contains("stale: served to this page&#39;s calls while a renewal runs in the background"), html);
    }

    @Test
    void aFreshTokenIsJustFresh() {
        CacheEntry fresh = billing(CALLS_BEGAN.minusSeconds(1), 3);
        String row = row(CacheHtml.render(CacheRow.of(List.of(fresh), List.of(fresh)), Map.of(), CALLS_BEGAN, NOW), "billing/-/access-token");
        assertTrue(row.contains("class=\"state ok\">fresh</td>"), row);
    }

    @Test
    void aFailedFetchIsListedWithItsErrorAndCooldownAndNoToken() {
        CacheEntry failed = new CacheEntry("billing", "", "access-token", "", null, null, null, 4, NOW.plusSeconds(5),
                "the token endpoint refused the client's credentials (HTTP 401, invalid_client)");
        String row = row(CacheHtml.render(CacheRow.of(List.of(), List.of(failed)), Map.of(), CALLS_BEGAN, NOW), "billing/-/access-token");
        assertTrue(row.contains(">cooling down</td>"), row);
        assertTrue(row.contains("<td class=\"error\">the token endpoint refused the client&#39;s credentials (HTTP 401, invalid_client)</td>"), row);
        assertFalse(row.contains("never (static token)"), row);
        assertFalse(row.contains("read, not requested"), row);
        String over = row(CacheHtml.render(CacheRow.of(List.of(), List.of(failed)), Map.of(), CALLS_BEGAN, NOW.plusSeconds(6)), "billing/-/access-token");
        assertTrue(over.contains(">failed</td>"), over);
    }

    @Test
    void aStaticTokenTheVendorRefusesIsShownRejectedWithTheVendorsRefusalEvenWithoutAFailedRenewal() {
        CacheEntry taxjar = new CacheEntry("taxjar", "wonka", "api-token", "••••f2f4", OBTAINED, null, null, 1, null, null);
        Problem refused = new Problem(new CredentialId("taxjar", "wonka", "api-token", "taxjar"), Problem.Kind.REJECTED,
                "the API at http://127.0.0.1:8083 refused the api-token (HTTP 401) <b>", CALLS_BEGAN, null);
        String row = row(CacheHtml.render(CacheRow.of(List.of(taxjar), List.of(taxjar)), Map.of("taxjar/wonka/api-token", refused),
                CALLS_BEGAN, NOW), "taxjar/wonka/api-token");
        assertTrue(row.contains("class=\"state fail\">rejected by the vendor since " + CALLS_BEGAN + "</td>"), row);
        assertTrue(row.contains("<td class=\"error\">the API at http://127.0.0.1:8083 refused the api-token (HTTP 401) &lt;b&gt;</td>"), row);
        assertTrue(row.contains("never (static token)"), row);
        assertTrue(row.contains("<td class=\"renewed\">" + OBTAINED + "</td>"), row);
        // another credential of the same client is not tainted
        CacheEntry globex = new CacheEntry("taxjar", "globex", "api-token", "••••f2a7", OBTAINED, null, null, 1, null, null);
        String other = row(CacheHtml.render(CacheRow.of(List.of(globex), List.of(globex)), Map.of("taxjar/wonka/api-token", refused),
                CALLS_BEGAN, NOW), "taxjar/globex/api-token");
        assertTrue(other.contains("class=\"state ok\">fresh</td>"), other);
    }

    @Test
    void aRejectedCredentialTheCacheDroppedStaysOnThePageWithTheRefusal() {
        // after a 401 the engine drops the credential (the next call reads it again): the row must not just vanish
        Problem refused = new Problem(new CredentialId("taxjar", "wonka", "api-token", "taxjar"), Problem.Kind.REJECTED,
                "the API at http://127.0.0.1:8083 refused the api-token (HTTP 401)", CALLS_BEGAN, null);
        CacheEntry acme = new CacheEntry("taxjar", "acme", "api-token", "••••f2f4", OBTAINED, null, null, 1, null, null);
        String html = CacheHtml.render(CacheRow.of(List.of(acme), List.of(acme)), Map.of("taxjar/wonka/api-token", refused), CALLS_BEGAN, NOW);
        String row = row(html, "taxjar/wonka/api-token");
        assertTrue(row.contains("<td>wonka</td><td>api-token</td><td>—</td>"), row);
        assertTrue(row.contains("class=\"state fail\">rejected by the vendor since " + CALLS_BEGAN + " (no longer cached)</td>"), row);
        assertTrue(row.contains("<td class=\"error\">the API at http://127.0.0.1:8083 refused the api-token (HTTP 401)</td>"), row);
        assertTrue(row(html, "taxjar/acme/api-token").contains("class=\"state ok\">fresh</td>"), html);
        assertEquals(1, html.split("data-key=\"taxjar/wonka/api-token\"", -1).length - 1, "listed twice: " + html);
    }

    private static CacheEntry billing(Instant obtained, long fetches) {
        return new CacheEntry("billing", "", "access-token", "••••9xQz", obtained, obtained.plusSeconds(15), obtained.plusSeconds(30),
                fetches, null, null);
    }

    private static String row(String html, String key) {
        int start = html.indexOf("<tr data-key=\"" + key + "\">");
        assertTrue(start >= 0, "no row " + key + " in " + html);
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
