package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The app's section as HTML; the browser test (ear/it-wildfly, AppInstallBrowserIT) shows it working in a server. */
class AppStoresHtmlTest {

    private static final String HOSTILE = "<script>alert(1)</script>\"'&";
    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";

    @Test
    void everythingShownIsEscaped() {
        Flash flash = Flash.failure(HOSTILE, HOSTILE, List.of(HOSTILE));
        InstalledStoreRow store = new InstalledStoreRow(HOSTILE, HOSTILE, "••••" + HOSTILE);
        String html = AppStoresHtml.render(HOSTILE, flash, new StoreList(List.of(HOSTILE), List.of(store), HOSTILE), true);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains(HOSTILE), html);
        // the flash's headline and detail, the store's row (its data attribute, hash, tenant, token,
        // its uninstall form's hash and form token), the install form's token, the configured names, the problem
        assertEquals(11, occurrences(html, ESCAPED), html);
    }

    @Test
    void theInstallAndEveryUninstallFormCarryTheSessionsFormToken() {
        List<InstalledStoreRow> installed = List.of(new InstalledStoreRow("store-abc", "abc", "••••wxyz"),
                new InstalledStoreRow("store-def", "def", "••••3f9a"));
        String html = AppStoresHtml.render("the-form-token", null, new StoreList(List.of("store-a"), installed, null), true);
        String guard = "<input type=\"hidden\" name=\"" + FormGuard.FIELD + "\" value=\"the-form-token\">";
        assertEquals(3, occurrences(html, "<form method=\"post\""), html);
        assertEquals(3, occurrences(html, guard), html);
        assertTrue(html.contains("<form method=\"post\" action=\"stores/install\" id=\"install-app\">" + guard), html);
        assertEquals(2, occurrences(html, "<form method=\"post\" action=\"stores/uninstall\">" + guard
                + "<input type=\"hidden\" name=\"store\" value=\""), html);
    }

    @Test
    void againstTheRealBigCommerceThePageOffersNoButtonsButListsTheStores() {
        List<InstalledStoreRow> installed = List.of(new InstalledStoreRow("store-abc", "abc", "••••wxyz"));
        String html = AppStoresHtml.render("the-form-token", null, new StoreList(List.of(), installed, null), false);
        assertFalse(html.contains("<form"), html);
        assertFalse(html.contains("the-form-token"), html);
        assertTrue(html.contains("<tr data-store=\"abc\"><td>abc</td><td>store-abc</td><td><code>••••wxyz</code></td>"), html);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
