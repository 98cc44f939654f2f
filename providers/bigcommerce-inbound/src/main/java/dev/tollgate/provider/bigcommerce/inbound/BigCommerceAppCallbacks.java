package dev.tollgate.provider.bigcommerce.inbound;

import jakarta.ws.rs.core.Response;

/**
 * The app's callbacks as a JAX-RS resource, mounted by the application with one class:
 *
 * <pre>{@code
 * @Path("bigcommerce")
 * public class StoreApp extends BigCommerceAppCallbacks {
 *     public StoreApp() { super("bigcommerce"); }
 * }
 * }</pre>
 *
 * {@code GET auth}, {@code GET load}, {@code GET uninstall} and {@code GET remove_user} below the
 * class's path (register those URLs with BigCommerce; {@code auth-callback-url} is the first). Each
 * answers through a hook the application may override ({@link #installed}, {@link #loaded},
 * {@link #uninstalled}, {@link #userRemoved}); refusals answer 4xx/5xx with a short plain-text
 * reason and never reach a hook.
 */
public abstract class BigCommerceAppCallbacks {

    protected BigCommerceAppCallbacks(String client) {
        throw new UnsupportedOperationException("contract: implemented by the handler's branch");
    }

    /** After a store was installed (or re-installed): by default 200, a plain-text confirmation. */
    protected Response installed(InstalledStore store) {
        throw new UnsupportedOperationException("contract");
    }

    /** After a verified load: by default 200, a plain-text line naming the store and user. */
    protected Response loaded(SignedPayload payload) {
        throw new UnsupportedOperationException("contract");
    }

    /** After the store's tenant was removed: by default 200. */
    protected Response uninstalled(SignedPayload payload) {
        throw new UnsupportedOperationException("contract");
    }

    /** After a verified remove_user: by default 200. */
    protected Response userRemoved(SignedPayload payload) {
        throw new UnsupportedOperationException("contract");
    }
}
