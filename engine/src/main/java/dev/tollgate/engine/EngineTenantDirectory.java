package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantDirectory;
import dev.tollgate.api.TenantStoreException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** The engine's {@link TenantDirectory}: each client's stored tenants, and the store's re-encryption. */
final class EngineTenantDirectory implements TenantDirectory {

    private final Function<String, BoundClient> clients;
    private final StoreAccess store;
    private final BooleanSupplier engineClosed;
    private final CredentialVerifier verifier = new CredentialVerifier();

    /**
     * @param clients binds a client by name, or throws the configuration problem that prevents it
     * @param engineClosed true once the engine is closed: from then on nothing is verified, stored or read
     */
    EngineTenantDirectory(Function<String, BoundClient> clients, StoreAccess store, BooleanSupplier engineClosed) {
        this.clients = clients;
        this.store = store;
        this.engineClosed = engineClosed;
    }

    @Override
    public TenantCredentials client(String client) {
        return new StoredTenantCredentials(clients.apply(client), verifier, engineClosed);
    }

    @Override
    public int reencrypt() {
        ClientRef everyClient = ClientRef.client("*");
        requireOpen(engineClosed, everyClient);
        return store.store(everyClient).reencrypt();
    }

    /**
     * A directory (or a client's tenants) kept by the application past its engine's close, as
     * during an undeployment, must not go on sending verifications and writing the database.
     *
     * @throws TenantStoreException when the engine is closed
     */
    static void requireOpen(BooleanSupplier engineClosed, ClientRef where) {
        if (engineClosed.getAsBoolean()) {
            throw new TenantStoreException(where, "the Tollgate engine has been closed (its application is stopping);"
                    + " nothing was sent, stored or read.", null);
        }
    }
}
