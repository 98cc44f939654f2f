package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.engine.CacheEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The demo page as HTML: its sections (onboarding, the app's stores), then two tables; everything escaped, no script. */
final class DemoPageHtml {

    private DemoPageHtml() {
    }

    /** @param sections the page's sections as HTML, escaped already */
    static String render(String sections, List<CallOutcome> outcomes, List<CacheEntry> cache, Instant now) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tollgate demo</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330}h1{margin-bottom:.2rem}")
                .append("table{border-collapse:collapse;margin:1rem 0 2rem;width:100%}th,td{border:1px solid #ccd;padding:.35rem .6rem;")
                .append("text-align:left;font-size:.9rem;vertical-align:top}th{background:#eef1f7}.ok{color:#176b2c;font-weight:600}")
                .append(".fail{color:#a4161a;font-weight:600}code{font-size:.85rem}.note{color:#555}")
                .append("#flash,#store-flash{border:1px solid #ccd;padding:.2rem 1rem;margin:1rem 0}")
                .append("#onboarding,#bigcommerce-app{margin-bottom:2rem}</style></head><body>")
                .append("<h1>Tollgate demo</h1>")
                .append(sections)
                .append("<p class=\"note\">Every call below went through an <code>@Authenticated</code> ")
                .append("MicroProfile Rest Client interface to the vendor sandbox; Tollgate attached the credentials. ")
                .append("Reload to call again: cached tokens are reused until they turn stale. Page built ")
                .append(Html.escape(now.toString())).append(".</p>");

        long succeeded = outcomes.stream().filter(CallOutcome::ok).count();
        html.append("<h2>Calls (").append(succeeded).append(" of ").append(outcomes.size()).append(" succeeded)</h2>")
                .append("<table id=\"calls\"><tr><th>Vendor</th><th>Client</th><th>Tenant</th><th>Result</th><th>Answer</th></tr>");
        for (CallOutcome o : outcomes) {
            html.append("<tr><td>").append(Html.escape(o.provider())).append("</td><td>").append(Html.escape(o.client()))
                    .append("</td><td>").append(Html.escape(dash(o.tenant()))).append("</td><td class=\"")
                    .append(o.ok() ? "ok\">OK" : "fail\">failed").append("</td><td><code>")
                    .append(Html.escape(o.ok() ? o.answer() : o.error())).append("</code></td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Token cache (one for the whole EAR)</h2>")
                .append("<table id=\"cache\"><tr><th>Client</th><th>Tenant</th><th>Credential</th><th>Token (masked)</th>")
                .append("<th>State</th><th>Expires</th><th>Token requests so far</th></tr>");
        // a static token (expires never) is read from the configuration or the tenant store, not requested
        for (CacheEntry e : cache) {
            html.append("<tr><td>").append(Html.escape(e.client())).append("</td><td>").append(Html.escape(dash(e.tenant())))
                    .append("</td><td>").append(Html.escape(e.credential())).append("</td><td><code>").append(Html.escape(e.maskedValue()))
                    .append("</code></td><td>").append(e.stateAt(now)).append("</td><td>").append(Html.escape(expiry(e, now)))
                    .append("</td><td>").append(e.fetches()).append(e.expiresAt() == null ? " (read, not requested)" : "")
                    .append("</td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static String expiry(CacheEntry e, Instant now) {
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
