package dev.tollgate.demo.shop;

import dev.tollgate.api.TollgateException;
import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.demo.shop.ControlPanel.ControlPanelException;
import dev.tollgate.provider.bigcommerce.inbound.BigCommerceApp;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the page's install and uninstall buttons do, through the sandbox's control panel as a
 * merchant's clicks at BigCommerce would, and what the page then tells: every outcome is a
 * {@link Flash} that says what the tenant store holds now, whatever the control panel claimed.
 */
@RequestScoped
public class StoreInstalls {

    /** BigCommerce's store hashes, as the app's handler accepts them. */
    static final Pattern STORE_HASH = Pattern.compile("[A-Za-z0-9]{1,64}");
    /** An origin a Content-Security-Policy may name: nothing that could end or add a directive. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");
    private static final String CONTEXT = "context=";
    private static final String STORES = "stores/";

    private static final Logger LOG = Logger.getLogger(StoreInstalls.class.getName());

    /** The app's auth callback as registered at BigCommerce: the only place an install may send the browser. */
    static final String AUTH_CALLBACK_URL = "tollgate." + AppStores.CLIENT + ".auth-callback-url";

    @Inject ControlPanel controlPanel;
    @Inject AppStores stores;
    @Inject @ConfigProperty(name = AUTH_CALLBACK_URL) Optional<String> authCallbackUrl;

    /**
     * A store that installs the app: where its browser goes next, the app's auth callback with the
     * store's code (which the callback exchanges for the store's token), and which store it is.
     *
     * @throws ControlPanelException when the control panel did not start an install, or sent the
     *         browser anywhere but this app's own auth callback ({@code auth-callback-url})
     */
    StartedInstall start() {
        URI authCallback = authCallback().orElseThrow(() -> new ControlPanelException(
                AUTH_CALLBACK_URL + " is not configured as an absolute URL: this app cannot be installed."));
        URI next = controlPanel.installOnNewStore();
        if (!sameEndpoint(next, authCallback)) {
            // a control panel that sends the browser elsewhere is not followed: the page is no open redirect
            throw new ControlPanelException("The sandbox's control panel sent the browser elsewhere than this app's auth callback ("
                    + authCallback + "): it was not followed.");
        }
        String storeHash = storeHashIn(next).orElseThrow(() -> new ControlPanelException(
                "The sandbox's control panel sent the browser to the auth callback without a store's context: it was not followed."));
        return new StartedInstall(next, storeHash);
    }

    /** What the page tells once the browser is back from the install of {@code storeHash}. */
    Flash installed(String storeHash) {
        String tenant = BigCommerceApp.tenantOf(storeHash);
        try {
            if (!stores.isInstalled(tenant)) {
                return Flash.failure("", "The app was not installed on store " + storeHash + ": the tenant store has no "
                        + tenant + ". The app's auth callback told why, in the browser.", List.of(notTheCallback()));
            }
        } catch (TollgateException e) {
            return Flash.failure("", "Whether store " + storeHash + " is installed cannot be read.", List.of(e.getMessage()));
        }
        return Flash.success("Installed the app on store " + storeHash + ": BigCommerce's access token for it is stored,"
                + " encrypted, as tenant " + tenant + ". Its catalog call is in the calls below.");
    }

    /** What to check when the browser did not reach the app's callback at all (the only hint the page can give). */
    private String notTheCallback() {
        return "If the browser showed Not Found there, " + AUTH_CALLBACK_URL + " ("
                + authCallbackUrl.map(String::strip).orElse("not set") + ") is not the URL of the web module that mounts the app's"
                + " callbacks (in the demo, the backoffice's /backoffice/api/bigcommerce/auth): correct it in the server's configuration.";
    }

    /** The merchant uninstalls the app from {@code storeHash}, then the page tells whether the store is gone. */
    Flash uninstall(String storeHash) {
        if (!STORE_HASH.matcher(storeHash).matches()) {
            // a tampered form may carry anything: it is not repeated, nor sent on
            return Flash.failure("", "That is not a BigCommerce store hash: nothing was uninstalled.", List.of());
        }
        String tenant = BigCommerceApp.tenantOf(storeHash);
        int callbackStatus;
        try {
            if (!stores.isInstalled(tenant)) {
                return Flash.failure("", "No store that installed the app has the hash " + storeHash + ".", List.of());
            }
            callbackStatus = controlPanel.uninstall(storeHash);
        } catch (ControlPanelException e) {
            // another tab's uninstall of the store may have gone first, or the control panel's answer
            // got lost after the app removed the store: the page tells what the tenant store holds
            return goneAnyway(storeHash, tenant).orElseGet(() ->
                    Flash.failure("", "The app was not uninstalled from store " + storeHash + ".", List.of(e.getMessage())));
        } catch (TollgateException e) {
            return Flash.failure("", "The app was not uninstalled from store " + storeHash + ".", List.of(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warning("uninstalling store " + storeHash + " failed: " + e.getClass().getName());
            return Flash.failure("", "The app was not uninstalled: an unexpected " + e.getClass().getSimpleName()
                    + " (see the server log).", List.of());
        }
        String callback = "BigCommerce's uninstall callback got HTTP " + callbackStatus + " from the app.";
        boolean gone;
        try {
            gone = !stores.isInstalled(tenant);
        } catch (TollgateException e) {
            return Flash.failure("", "Whether store " + storeHash + " is still installed cannot be read.", List.of(callback, e.getMessage()));
        }
        if (!gone) {
            return Flash.failure("", "Store " + storeHash + " is still installed: BigCommerce revoked its token, but the app"
                    + " did not remove it.", List.of(callback));
        }
        return Flash.success("Uninstalled the app from store " + storeHash + ": tenant " + tenant + " and its token are deleted.",
                callback, catalogCallNow(tenant));
    }

    /** The flash for a store whose uninstall this request did not see through, when it is gone all the same. */
    private Optional<Flash> goneAnyway(String storeHash, String tenant) {
        try {
            if (stores.isInstalled(tenant)) {
                return Optional.empty();
            }
        } catch (TollgateException unreadable) {
            return Optional.empty();
        }
        return Optional.of(Flash.success("Store " + storeHash + " is not installed any more: tenant " + tenant
                + " and its token are deleted (not by this uninstall: another one, or the control panel's answer did not come back).",
                catalogCallNow(tenant)));
    }

    /** A catalog call for a store just uninstalled, told: it must be refused before anything is sent. */
    private String catalogCallNow(String tenant) {
        CallOutcome after = stores.catalogCall(tenant);
        return "A catalog call for it now: " + (after.ok() ? "OK, " + after.answer() : "refused, " + after.error());
    }

    /** The store's hash in the auth callback's {@code context=stores/{hash}}, when it is one. */
    static Optional<String> storeHashIn(URI authCallback) {
        String query = authCallback.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(CONTEXT)) {
                String context = URLDecoder.decode(pair.substring(CONTEXT.length()), StandardCharsets.UTF_8);
                String hash = context.startsWith(STORES) ? context.substring(STORES.length()) : "";
                return STORE_HASH.matcher(hash).matches() ? Optional.of(hash) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The origin of the app's auth callback ({@code http://127.0.0.1:8080}), as a page's
     * Content-Security-Policy names it; empty without a control panel or a usable callback URL.
     */
    Optional<String> authCallbackOrigin() {
        if (!controlPanel.available()) {
            return Optional.empty();
        }
        return authCallback().map(url -> url.getScheme() + "://" + url.getRawAuthority()).filter(ORIGIN.asMatchPredicate());
    }

    /** Empty when not configured, or not an absolute URL (the install form then tells so). */
    private Optional<URI> authCallback() {
        try {
            return authCallbackUrl.map(String::strip).map(URI::create).filter(URI::isAbsolute);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean sameEndpoint(URI a, URI b) {
        return a.isAbsolute() && b.isAbsolute() && a.getRawUserInfo() == null
                && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort() && a.getRawPath().equals(b.getRawPath());
    }

    /**
     * @param browserGoesTo the app's auth callback with the store's code: the browser's next stop
     * @param storeHash     the store that installs
     */
    record StartedInstall(URI browserGoesTo, String storeHash) {

        /** Never the URL: it carries the store's code. */
        @Override
        public String toString() {
            return "StartedInstall[" + storeHash + "]";
        }
    }
}
