package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.spi.ConfiguredClients;
import java.time.Clock;

/**
 * A BigCommerce app's four callbacks for one client, each store it is installed in a tenant in the
 * tenant store ({@code tollgate.<client>.tenant-store=database}):
 * <ul>
 *   <li>{@link #install}: the auth callback. The code is exchanged at
 *       {@code {oauth-url}/oauth2/token} (default {@code https://login.bigcommerce.com}) with the
 *       app's {@code client-id}, {@code client-secret} and {@code auth-callback-url} as
 *       {@code redirect_uri}; the store is saved as tenant {@link #tenantOf(String)} with its
 *       {@code store-hash} and {@code access-token} (encrypted); a re-install replaces the token and
 *       the cached one is dropped at once;</li>
 *   <li>{@link #load}, {@link #removeUser}: the signed payload verified, the store must be installed;</li>
 *   <li>{@link #uninstall}: the signed payload verified, the store's tenant removed: from then on no
 *       call for it leaves the JVM.</li>
 * </ul>
 * A signed payload is good for one request ({@code jti}); one the Jakarta Security mechanism already
 * verified for this request is not verified twice ({@link BigCommerceAppCallbacks} passes it on).
 */
public final class BigCommerceApp {

    /** The tenant a store is saved as: {@code store-<hash>}. */
    public static String tenantOf(String storeHash) {
        throw new UnsupportedOperationException("contract: implemented by the handler's branch");
    }

    /** For the application's engine. */
    public static BigCommerceApp forClient(String client) {
        throw new UnsupportedOperationException("contract: implemented by the handler's branch");
    }

    /** With an engine and a clock of one's own (tests, plain Java). */
    public static BigCommerceApp forClient(ConfiguredClients engine, String client, Clock clock) {
        throw new UnsupportedOperationException("contract: implemented by the handler's branch");
    }

    /**
     * The auth callback: {@code code}, {@code scope} and {@code context} as BigCommerce sent them.
     *
     * @throws InstallRefusedException nothing was stored; its reason says why and which status to answer
     */
    public InstalledStore install(String code, String scope, String context) {
        throw new UnsupportedOperationException("contract");
    }

    /** The load callback. @throws JwtRejectedException for a payload that fails, or a store not installed */
    public SignedPayload load(String signedPayloadJwt) {
        throw new UnsupportedOperationException("contract");
    }

    /**
     * The uninstall callback: the store's tenant is removed. A store that is not installed (any
     * more) is no error: its payload's {@code tenant()} is empty.
     *
     * @throws JwtRejectedException for a payload that fails verification
     */
    public SignedPayload uninstall(String signedPayloadJwt) {
        throw new UnsupportedOperationException("contract");
    }

    /** The remove_user callback. @throws JwtRejectedException for a payload that fails, or a store not installed */
    public SignedPayload removeUser(String signedPayloadJwt) {
        throw new UnsupportedOperationException("contract");
    }
}
