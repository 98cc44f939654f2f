package dev.tollgate.demo.shop;

/**
 * The page's BigCommerce app section: what the last install or uninstall did, the button that
 * installs the app on a new store (with the sandbox's control panel only), and the stores that
 * installed it, each with its masked token and an uninstall button. Everything shown is escaped;
 * no token is ever shown but masked.
 */
final class AppStoresHtml {

    private AppStoresHtml() {
    }

    /**
     * @param formToken       the session's {@link FormGuard} token, put in every form
     * @param flash           what the last install or uninstall did; null when nothing is to be told
     * @param withControlPanel true when the sandbox plays BigCommerce's control panel (the buttons are offered)
     */
    static String render(String formToken, Flash flash, StoreList stores, boolean withControlPanel) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<section id=\"bigcommerce-app\"><h2>Stores that installed the BigCommerce app</h2>")
                .append(FlashHtml.render(flash, "store-flash"))
                .append("<p class=\"note\">A merchant installs the app from their BigCommerce control panel: BigCommerce sends ")
                .append("the merchant's browser to the app's auth callback with a one-time code, which Tollgate exchanges for the ")
                .append("store's access token, kept encrypted in the tenant store as tenant <code>store-&lt;hash&gt;</code>. ")
                .append("Uninstalling it there makes BigCommerce call the app's uninstall callback, which deletes the tenant.</p>");
        if (withControlPanel) {
            html.append("<form method=\"post\" action=\"stores/install\" id=\"install-app\">").append(formTokenField(formToken))
                    .append("<p><button type=\"submit\" id=\"install\">Install the app on a new store</button> ")
                    .append("<span class=\"note\">In this demo the sandbox plays BigCommerce's control panel: a new store ")
                    .append("installs the app, and your browser goes through the app's auth callback and back here.</span></p></form>");
        }
        if (stores.problem() != null) {
            html.append("<p id=\"stores-problem\" class=\"fail\">The stores cannot be listed: ")
                    .append(Html.escape(stores.problem())).append("</p>");
        }
        html.append("<table id=\"stores\"><tr><th>Store</th><th>Tenant</th><th>Access token (masked)</th><th></th></tr>");
        for (InstalledStoreRow store : stores.installed()) {
            html.append("<tr data-store=\"").append(Html.escape(store.storeHash())).append("\"><td>")
                    .append(Html.escape(store.storeHash())).append("</td><td>").append(Html.escape(store.tenant()))
                    .append("</td><td><code>").append(Html.escape(store.maskedToken())).append("</code></td><td>");
            if (withControlPanel) {
                html.append("<form method=\"post\" action=\"stores/uninstall\">").append(formTokenField(formToken))
                        .append(Html.hidden("store", store.storeHash()))
                        .append("<button type=\"submit\" class=\"uninstall\">Uninstall</button></form>");
            } else {
                html.append("<span class=\"note\">uninstalled from the store's BigCommerce control panel</span>");
            }
            html.append("</td></tr>");
        }
        if (stores.installed().isEmpty()) {
            html.append("<tr><td colspan=\"4\" class=\"note\">No store has installed the app yet.</td></tr>");
        }
        html.append("</table>");
        if (!stores.configured().isEmpty()) {
            html.append("<p class=\"note\" id=\"configured-stores\">Configured by the administrator in the server, ")
                    .append("not changed here: ").append(Html.escape(String.join(", ", stores.configured()))).append(".</p>");
        }
        return html.append("</section>").toString();
    }

    private static String formTokenField(String formToken) {
        return Html.hidden(FormGuard.FIELD, formToken);
    }
}
