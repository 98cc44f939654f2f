package dev.tollgate.demo.shop;

import dev.tollgate.engine.CacheEntry;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token cache as a table: per credential its state (fresh, stale, expired, cooling down,
 * failed, or rejected while the vendor refuses it; a stale one renewed in the background during
 * the page's calls says so), when it was
 * last obtained or renewed, its expiry, the last failure and the token requests made for it.
 */
final class CacheHtml {

    private CacheHtml() {
    }

    /**
     * @param rejected   the credentials the vendors refuse now, by the readiness check's key
     *                   ({@link ProblemText#key}): the vendor's word beats a token's own freshness
     * @param callsBegan when the page's calls began (the {@code before} entries' time)
     * @param now        when the entries were read after the calls
     */
    static String render(List<CacheRow> rows, Map<String, Problem> rejected, Instant callsBegan, Instant now) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<h2>Token cache (one for the whole EAR)</h2>")
                .append("<table id=\"cache\"><tr><th>Client</th><th>Tenant</th><th>Credential</th><th>Token (masked)</th>")
                .append("<th>State</th><th>Last renewed</th><th>Expires</th><th>Last error</th><th>Token requests so far</th></tr>");
        for (CacheRow row : rows) {
            CacheEntry e = row.now();
            String key = ProblemText.key(e);
            Problem refusal = rejected.get(key);
            String state = refusal != null ? "rejected" : e.stateAt(now);
            String shownState = refusal != null ? "rejected by the vendor since " + refusal.since() : row.state(callsBegan, now);
            String lastError = e.lastError() != null ? e.lastError() : refusal != null ? refusal.reason() : "—";
            html.append("<tr data-key=\"").append(Html.escape(key))
                    .append("\"><td>").append(Html.escape(e.client())).append("</td><td>").append(Html.escape(dash(e.tenant())))
                    .append("</td><td>").append(Html.escape(e.credential())).append("</td><td><code>").append(Html.escape(e.maskedValue()))
                    .append("</code></td><td class=\"state ").append(cssClass(state)).append("\">").append(Html.escape(shownState))
                    .append("</td><td class=\"renewed\">").append(Html.escape(e.obtainedAt() == null ? "—" : e.obtainedAt().toString()))
                    .append("</td><td>").append(Html.escape(expiry(e, now)))
                    .append("</td><td class=\"error\">").append(Html.escape(lastError))
                    // a static token (expires never) is read from the configuration or the tenant store, not requested
                    .append("</td><td>").append(e.fetches()).append(e.expiresAt() == null && e.obtainedAt() != null ? " (read, not requested)" : "")
                    .append("</td></tr>");
        }
        // a credential the vendor refused is dropped from the cache (the next call reads or fetches it
        // again); it stays on the page, with the refusal, while the readiness check reports it
        Set<String> shown = new HashSet<>();
        rows.forEach(r -> shown.add(ProblemText.key(r.now())));
        rejected.forEach((key, refusal) -> {
            if (!shown.contains(key)) {
                CredentialId id = refusal.id();
                html.append("<tr data-key=\"").append(Html.escape(key)).append("\"><td>").append(Html.escape(id.client()))
                        .append("</td><td>").append(Html.escape(id.tenant().isEmpty() ? "—" : id.tenant())).append("</td><td>")
                        .append(Html.escape(id.credential())).append("</td><td>—</td><td class=\"state fail\">rejected by the vendor since ")
                        .append(Html.escape(refusal.since().toString())).append(" (no longer cached)</td><td class=\"renewed\">—</td><td>—</td>")
                        .append("<td class=\"error\">").append(Html.escape(refusal.reason())).append("</td><td>—</td></tr>");
            }
        });
        return html.append("</table>").toString();
    }

    private static String cssClass(String state) {
        return switch (state) {
            case "fresh" -> "ok";
            case "stale" -> "stale";
            default -> "fail";
        };
    }

    private static String expiry(CacheEntry e, Instant now) {
        if (e.obtainedAt() == null) {
            return "—";
        }
        if (e.expiresAt() == null) {
            return "never (static token)";
        }
        Duration left = Duration.between(now, e.expiresAt());
        if (left.isNegative()) {
            return e.expiresAt().toString();
        }
        String in = left.toHours() > 0 ? left.toHours() + " h " + left.toMinutesPart() + " min"
                : left.toMinutes() + " min " + left.toSecondsPart() + " s";
        return e.expiresAt() + " (in " + in + ")";
    }

    private static String dash(String tenant) {
        return tenant.isEmpty() ? "—" : tenant;
    }
}
