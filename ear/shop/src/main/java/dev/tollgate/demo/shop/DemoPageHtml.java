package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import java.time.Instant;
import java.util.List;

/**
 * The demo page as HTML: its sections (onboarding, the app's stores), the readiness box, the calls,
 * the token cache and the metrics; everything escaped, no script.
 */
final class DemoPageHtml {

    /** Seconds between reloads while a visitor watches the tokens (a meta refresh: the page runs no script). */
    static final int WATCH_SECONDS = 5;

    private DemoPageHtml() {
    }

    /**
     * @param sections   the page's sections as HTML, escaped already
     * @param callsBegan when the page's calls began: the cache rows' earlier state is from then
     * @param watching   whether the page reloads itself every {@value #WATCH_SECONDS} s
     */
    static String render(String sections, List<CallOutcome> outcomes, List<CacheRow> cache, EngineObservations observations,
                         Instant callsBegan, Instant now, boolean watching) {
        StringBuilder html = new StringBuilder(16384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (watching) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(WATCH_SECONDS).append("\">");
        }
        html.append("<title>Tollgate demo</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330}h1{margin-bottom:.2rem}")
                .append("table{border-collapse:collapse;margin:1rem 0 2rem;width:100%}th,td{border:1px solid #ccd;padding:.35rem .6rem;")
                .append("text-align:left;font-size:.9rem;vertical-align:top}th{background:#eef1f7}.ok{color:#176b2c;font-weight:600}")
                .append(".fail{color:#a4161a;font-weight:600}.stale{color:#8a5a00;font-weight:600}code{font-size:.85rem}.note{color:#555}")
                .append("#flash,#store-flash{border:1px solid #ccd;padding:.2rem 1rem;margin:1rem 0}")
                .append("#health{border:2px solid;padding:.2rem 1rem;margin:1rem 0 2rem}#health.up{border-color:#176b2c}")
                .append("#health.down{border-color:#a4161a}#health.up h2{color:#176b2c}#health.down h2{color:#a4161a}")
                .append("#onboarding,#bigcommerce-app{margin-bottom:2rem}</style></head><body>")
                .append("<h1>Tollgate demo</h1>")
                .append(sections)
                .append(HealthHtml.render(observations))
                .append("<p class=\"note\">Every call below went through an <code>@Authenticated</code> ")
                .append("MicroProfile Rest Client interface to the vendor sandbox; Tollgate attached the credentials. ")
                .append("Reload to call again: cached tokens are reused until they turn stale, then served while one renewal ")
                .append("runs in the background. Page built ").append(Html.escape(now.toString())).append(".</p>")
                .append(watchControl(watching));

        long succeeded = outcomes.stream().filter(CallOutcome::ok).count();
        html.append("<h2>Calls (").append(succeeded).append(" of ").append(outcomes.size()).append(" succeeded)</h2>")
                .append("<table id=\"calls\"><tr><th>Vendor</th><th>Client</th><th>Tenant</th><th>Result</th><th>Answer</th></tr>");
        for (CallOutcome o : outcomes) {
            html.append("<tr><td>").append(Html.escape(o.provider())).append("</td><td>").append(Html.escape(o.client()))
                    .append("</td><td>").append(Html.escape(o.tenant().isEmpty() ? "—" : o.tenant())).append("</td><td class=\"")
                    .append(o.ok() ? "ok\">OK" : "fail\">failed").append("</td><td><code>")
                    .append(Html.escape(o.ok() ? o.answer() : o.error())).append("</code></td></tr>");
        }
        html.append("</table>");
        html.append(CacheHtml.render(cache, observations.rejected(), callsBegan, now));
        html.append(HealthHtml.renderMetrics(observations));
        return html.append("</body></html>").toString();
    }

    private static String watchControl(boolean watching) {
        if (watching) {
            return "<p id=\"watch\">Watching: this page reloads every " + WATCH_SECONDS + " s, calling every vendor each time. "
                    + "<a id=\"stop-watching\" href=\"./\">Stop watching</a></p>";
        }
        return "<p id=\"watch\"><a id=\"start-watching\" href=\"./?watch\">Watch the tokens</a>: reload every " + WATCH_SECONDS
                + " s, and see a token turn stale, keep serving the calls, and be renewed in the background"
                + " (its last renewal moves, its calls stay OK).</p>";
    }
}
