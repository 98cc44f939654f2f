package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.clients.CallOutcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The onboarding section as HTML; the browser test (ear/it-wildfly, OnboardingBrowserIT) shows it working in a server. */
class OnboardingHtmlTest {

    private static final String HOSTILE = "<script>alert(1)</script>\"'&";
    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";

    @Test
    void theFirstFieldAskedForIsTheTaxJarApiTokenNeverAnApiKey() {
        String html = OnboardingHtml.render("form-token", null, MerchantList.unreadable(null), Optional.empty());
        String visibleInputs = html.replace("<input type=\"hidden\"", "<hidden");
        assertTrue(visibleInputs.indexOf("<input") == visibleInputs.indexOf("<input type=\"password\" id=\"api-token\""), html);
        assertTrue(html.contains("<label for=\"api-token\">TaxJar API token</label>"), html);
        assertFalse(html.toLowerCase().contains("api key"), html);
        assertTrue(html.contains("href=\"https://app.taxjar.com/sign_up\" target=\"_blank\" rel=\"noopener noreferrer\""), html);
    }

    @Test
    void everythingShownIsEscaped() {
        Flash flash = Flash.failure(HOSTILE, HOSTILE, List.of(HOSTILE));
        OnboardedMerchant merchant = new OnboardedMerchant(HOSTILE, "••••" + HOSTILE,
                new CallOutcome("TaxJar", "taxjar", HOSTILE, false, null, HOSTILE));
        String html = OnboardingHtml.render(HOSTILE, flash, new MerchantList(List.of(HOSTILE), List.of(merchant), HOSTILE),
                Optional.of("http://sandbox/\"><script>"));
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains(HOSTILE), html);
        // the flash's headline and detail, the name put back in the form, the merchant's row and its
        // remove form, its call, the configured names, the problem, the form token in both forms
        assertTrue(occurrences(html, ESCAPED) >= 10, html);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
