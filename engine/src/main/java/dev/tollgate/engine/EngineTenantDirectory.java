package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantDirectory;
import java.util.function.Function;

/** The engine's {@link TenantDirectory}: each client's stored tenants, and the store's re-encryption. */
final class EngineTenantDirectory implements TenantDirectory {

    private final Function<String, BoundClient> clients;
    private final StoreAccess store;
    private final CredentialVerifier verifier = new CredentialVerifier();

    /** @param clients binds a client by name, or throws the configuration problem that prevents it */
    EngineTenantDirectory(Function<String, BoundClient> clients, StoreAccess store) {
        this.clients = clients;
        this.store = store;
    }

    @Override
    public TenantCredentials client(String client) {
        return new StoredTenantCredentials(clients.apply(client), verifier);
    }

    @Override
    public int reencrypt() {
        return store.store(ClientRef.client("*")).reencrypt();
    }
}
