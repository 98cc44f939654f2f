package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import java.util.Optional;

/**
 * The page's onboarding section: the form that first asks a merchant for their TaxJar API token,
 * what the last form did, and the merchants with their masked tokens and a remove button each.
 * Everything shown is escaped; no token is ever shown but masked.
 */
final class OnboardingHtml {

    /** TaxJar's own sign-up, where a merchant gets an account and generates an API token. */
    static final String TAXJAR_SIGN_UP = "https://app.taxjar.com/sign_up";

    private OnboardingHtml() {
    }

    /**
     * @param formToken     the session's {@link FormGuard} token, put in every form
     * @param flash         what the last form did; null when nothing is to be told
     * @param sandboxSignUp where the demo's sandbox issues TaxJar tokens, when the demo runs against it
     */
    static String render(String formToken, Flash flash, MerchantList merchants, Optional<String> sandboxSignUp) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<section id=\"onboarding\"><h2>Onboard a TaxJar merchant</h2>");
        html.append(FlashHtml.render(flash, "flash"));
        // TaxJar's guide: the first thing asked is the merchant's API token, called exactly that
        html.append("<form method=\"post\" action=\"merchants\" id=\"onboard\">")
                .append(hiddenFormToken(formToken))
                .append("<p><label for=\"api-token\">TaxJar API token</label><br>")
                .append("<input type=\"password\" id=\"api-token\" name=\"api-token\" autocomplete=\"off\" spellcheck=\"false\" size=\"40\" maxlength=\"4096\">")
                .append(" <span class=\"note\">No TaxJar account yet? <a id=\"taxjar-sign-up\" href=\"").append(TAXJAR_SIGN_UP)
                .append("\" target=\"_blank\" rel=\"noopener noreferrer\">Sign up at TaxJar</a>, then generate an API token ")
                .append("under Account, API Access.</span>");
        sandboxSignUp.ifPresent(url -> html.append("<br><span class=\"note\">This demo's TaxJar is its sandbox: ")
                .append("<a id=\"sandbox-sign-up\" href=\"").append(Html.escape(url))
                .append("\" target=\"_blank\" rel=\"noopener noreferrer\">get a sandbox API token</a>.</span>"));
        html.append("</p><p><label for=\"merchant\">Merchant name</label><br>")
                .append("<input id=\"merchant\" name=\"merchant\" size=\"40\" value=\"")
                .append(Html.escape(flash == null ? "" : flash.merchant())).append("\">")
                .append(" <span class=\"note\">letters, digits, - and _</span></p>")
                .append("<p><button type=\"submit\" id=\"save\">Verify with TaxJar and save</button></p></form>");

        html.append("<h3>Merchants</h3>");
        if (merchants.problem() != null) {
            html.append("<p id=\"merchants-problem\" class=\"fail\">The merchants cannot be listed: ")
                    .append(Html.escape(merchants.problem())).append("</p>");
        }
        html.append("<table id=\"merchants\"><tr><th>Merchant</th><th>TaxJar API token</th><th>A call for it just now</th><th></th></tr>");
        for (OnboardedMerchant m : merchants.onboarded()) {
            CallOutcome call = m.call();
            html.append("<tr data-merchant=\"").append(Html.escape(m.name())).append("\"><td>").append(Html.escape(m.name()))
                    .append("</td><td><code>").append(Html.escape(m.maskedToken())).append("</code></td><td class=\"")
                    .append(call.ok() ? "ok\">OK" : "fail\">failed").append(" <code>")
                    .append(Html.escape(call.ok() ? call.answer() : call.error())).append("</code></td><td>")
                    .append("<form method=\"post\" action=\"merchants/remove\">").append(hiddenFormToken(formToken))
                    .append("<input type=\"hidden\" name=\"merchant\" value=\"").append(Html.escape(m.name())).append("\">")
                    .append("<button type=\"submit\" class=\"remove\">Remove</button></form></td></tr>");
        }
        if (merchants.onboarded().isEmpty()) {
            html.append("<tr><td colspan=\"4\" class=\"note\">No merchant onboarded yet.</td></tr>");
        }
        html.append("</table>");
        if (!merchants.configured().isEmpty()) {
            html.append("<p class=\"note\" id=\"configured-merchants\">Configured by the administrator in the server, ")
                    .append("not changed here: ").append(Html.escape(String.join(", ", merchants.configured()))).append(".</p>");
        }
        return html.append("</section>").toString();
    }

    private static String hiddenFormToken(String formToken) {
        return Html.hidden(FormGuard.FIELD, formToken);
    }
}
