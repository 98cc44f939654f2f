package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.InvalidTenantValuesException;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.provider.bigcommerce.StoreSettings;
import dev.tollgate.provider.bigcommerce.inbound.InstallRefusedException.Reason;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.TenantSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(BigCommerceApp.class.getName());

    private final ConfiguredClients engine;
    private final String client;
    private final BigCommerceJwtVerifier verifier;
    private final InstalledStores stores;
    private final CodeExchange exchange;

    private BigCommerceApp(ConfiguredClients engine, String client, Clock clock) {
        this.engine = engine;
        this.client = client;
        this.verifier = BigCommerceJwtVerifier.forClient(engine, client, clock);
        this.stores = new InstalledStores(engine, client);
        this.exchange = new CodeExchange(engine);
    }

    /**
     * The tenant a store is saved as: {@code store-<hash>}.
     *
     * @throws IllegalArgumentException when {@code storeHash} is not 1 to 64 letters and digits
     */
    public static String tenantOf(String storeHash) {
        return InstalledStores.tenantOf(storeHash);
    }

    /** For the application's engine. */
    public static BigCommerceApp forClient(String client) {
        return new BigCommerceApp(ConfiguredClients.current(), client, Clock.systemUTC());
    }

    /** With an engine and a clock of one's own (tests, plain Java). */
    public static BigCommerceApp forClient(ConfiguredClients engine, String client, Clock clock) {
        return new BigCommerceApp(engine, client, clock);
    }

    /**
     * The auth callback: {@code code}, {@code scope} and {@code context} as BigCommerce sent them.
     *
     * @throws InstallRefusedException nothing was stored; its reason says why and which status to answer
     * @throws TollgateConfigException the client is not set up to install stores (nothing was sent)
     */
    public InstalledStore install(String code, String scope, String context) {
        TenantSettings app = engine.settings(client, "");
        String storeHash = StoreContext.storeHash(context).orElseThrow(() -> new InstallRefusedException(app.ref(),
                Reason.MALFORMED_CALLBACK, "the auth callback's context is missing or not stores/{store_hash}; nothing was"
                + " sent or stored.", null));
        if (code == null || code.isBlank()) {
            throw new InstallRefusedException(app.ref(), Reason.MALFORMED_CALLBACK, "the auth callback has no code;"
                    + " nothing was sent or stored.", null);
        }
        if (!stores.keepsStoredTenants()) {
            throw app.invalid("tenant-store", "must be database for the BigCommerce app to install stores (each store is"
                    + " saved as a tenant); nothing was sent");
        }
        InstallSettings install = InstallSettings.from(app);
        refuseConfigured(app, storeHash);
        ReentrantLock lock = lock(app, storeHash);
        try {
            boolean storedBefore = readStored(app, storeHash);
            TokenAnswer answer = exchange.exchange(app, install, code, scope, StoreContext.of(storeHash));
            if (!StoreContext.of(storeHash).equals(answer.context())) {
                throw new InstallRefusedException(app.ref(), Reason.ANSWER_UNUSABLE, "BigCommerce's login service answered"
                        + " for another store than the auth callback's (" + StoreContext.of(storeHash) + "). Nothing was"
                        + " stored.", null);
            }
            save(app, storeHash, answer);
            InstalledStore installed = new InstalledStore(storeHash, tenantOf(storeHash), answer.scope(), answer.user(),
                    answer.owner(), answer.accountUuid(), storedBefore);
            LOG.info(() -> app.ref().describe() + ": the BigCommerce app was " + (storedBefore ? "re-installed" : "installed")
                    + " in store " + storeHash + ", saved as tenant " + installed.tenant());
            return installed;
        } finally {
            lock.unlock();
        }
    }

    /** The load callback. @throws JwtRejectedException for a payload that fails, or a store not installed */
    public SignedPayload load(String signedPayloadJwt) {
        return verifier.verifySignedPayload(signedPayloadJwt);
    }

    /**
     * The uninstall callback: the store's tenant is removed. A store that is not installed (any
     * more) is no error: its payload's {@code tenant()} is empty.
     *
     * @throws JwtRejectedException for a payload that fails verification
     * @throws TenantStoreException the tenant store could not be written: the store is still installed
     */
    public SignedPayload uninstall(String signedPayloadJwt) {
        return uninstall(verifier.verifySignedPayloadOfAnyStore(signedPayloadJwt));
    }

    /** The remove_user callback. @throws JwtRejectedException for a payload that fails, or a store not installed */
    public SignedPayload removeUser(String signedPayloadJwt) {
        return verifier.verifySignedPayload(signedPayloadJwt);
    }

    /** {@link #uninstall(String)} of a payload verified already (by the mechanism, for this request). */
    SignedPayload uninstall(SignedPayload verified) {
        String storeHash = verified.storeHash();
        List<String> configured = stores.configuredTenants(storeHash);
        if (!configured.isEmpty() || stores.isClientsOwnStore(storeHash)) {
            // configuration is the administrator's: the store's calls keep working until it is removed there
            TenantSettings app = engine.settings(client, "");
            String where = configured.isEmpty()
                    ? app.keyName(StoreSettings.STORE_HASH) + " and " + app.keyName(InstalledStores.ACCESS_TOKEN)
                    : configured.stream().map(t -> "tollgate." + client + ".tenants." + t + ".*").reduce((a, b) -> a + ", " + b)
                    .orElseThrow();
            LOG.warning(() -> app.ref().describe() + ": BigCommerce store " + storeHash + " uninstalled the app, but it is a"
                    + " store in configuration (" + (configured.isEmpty() ? "the client's own store" : "tenant "
                    + String.join(", ", configured)) + "), which the app cannot remove; its token no longer works. Remove " + where
                    + " from the configuration.");
            return verified;
        }
        // after an install of the store still running: else it would save a token BigCommerce just revoked
        TenantSettings app = engine.settings(client, "");
        ReentrantLock lock = StoreContext.isStoreHash(storeHash) ? tryLock(app, storeHash) : null;
        if (lock == null && StoreContext.isStoreHash(storeHash)) {
            throw new TenantStoreException(app.ref(), "an install of store " + storeHash + " is still running; the uninstall"
                    + " did not happen, BigCommerce may send it again.", null);
        }
        boolean removed;
        try {
            removed = stores.remove(storeHash);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
        if (removed) {
            LOG.info(() -> engine.settings(client, "").ref().describe() + ": the BigCommerce app was uninstalled from store "
                    + storeHash + "; tenant " + tenantOf(storeHash) + " removed");
            return withTenant(verified, Optional.of(tenantOf(storeHash)));
        }
        return withTenant(verified, Optional.empty());
    }

    private static SignedPayload withTenant(SignedPayload p, Optional<String> tenant) {
        return new SignedPayload(p.storeHash(), tenant, p.user(), p.owner(), p.url(), p.channelId());
    }

    /** A store in configuration is the administrator's: the tenant store cannot replace it. Checked before anything is sent. */
    private void refuseConfigured(TenantSettings app, String storeHash) {
        List<String> configured = stores.configuredTenants(storeHash);
        if (!configured.isEmpty() || stores.isClientsOwnStore(storeHash)) {
            throw new InstallRefusedException(app.ref(), Reason.STORE_CONFIGURED, "store " + storeHash + " is configured ("
                    + (configured.isEmpty() ? app.keyName(StoreSettings.STORE_HASH) : "tenant " + String.join(", ", configured))
                    + "), which an install cannot replace; remove it from the configuration first. Nothing was sent or stored.",
                    null);
        }
    }

    /**
     * The store's install lock; the wait is bounded by what one exchange may take (connect and read
     * timeouts of the client, twice), so a callback never hangs behind a stuck one.
     */
    private ReentrantLock lock(TenantSettings app, String storeHash) {
        ReentrantLock lock = tryLock(app, storeHash);
        if (lock == null) {
            throw new InstallRefusedException(app.ref(), Reason.STORE_UNAVAILABLE, "another install of store " + storeHash
                    + " is still running; nothing was sent or stored, the merchant may try again.", null);
        }
        return lock;
    }

    /** The store's install lock, or null when it was not had in time (or the thread was interrupted). */
    private ReentrantLock tryLock(TenantSettings app, String storeHash) {
        try {
            return StoreLocks.acquire(client, storeHash, CodeExchange.budget(app).multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean readStored(TenantSettings app, String storeHash) {
        try {
            return stores.isStored(storeHash);
        } catch (TenantStoreException e) {
            throw new InstallRefusedException(app.ref(), Reason.STORE_UNAVAILABLE, "the tenant store could not be read ("
                    + e.getMessage() + "); nothing was sent or stored.", e);
        }
    }

    private void save(TenantSettings app, String storeHash, TokenAnswer answer) {
        try {
            stores.save(storeHash, answer.accessToken().reveal());
        } catch (TenantStoreException e) {
            throw new InstallRefusedException(app.ref(), Reason.STORE_UNAVAILABLE, "the tenant store could not be written ("
                    + e.getMessage() + "); the store was not installed, the merchant may try again.", e);
        } catch (InvalidTenantValuesException e) {
            // the token BigCommerce gave is not one a tenant can hold (a control character): not quoted
            throw new InstallRefusedException(app.ref(), Reason.ANSWER_UNUSABLE, "BigCommerce's login service answered"
                    + " with an access token the tenant store refuses. Nothing was stored.", null);
        } catch (TollgateConfigException e) {
            throw new InstallRefusedException(app.ref(), Reason.STORE_CONFIGURED, e.getMessage(), null);
        }
    }
}
