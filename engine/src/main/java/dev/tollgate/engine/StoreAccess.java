package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.store.TenantStore;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The application's tenant store, opened on first use and kept. Opening it may look a DataSource
 * up in JNDI, which only an application's own threads can do (a request, a {@code @PostConstruct}),
 * so it is opened on the thread of the first caller that needs it, never ahead of time; an
 * opening that fails is tried again by the next caller.
 */
final class StoreAccess {

    private final Function<ClientRef, TenantStore> opener;
    private final Supplier<List<TollgateConfigException>> problems;
    private volatile TenantStore store;

    /** @param opener builds the store (without reaching the database); its argument is the client that needs it, for messages */
    StoreAccess(Function<ClientRef, TenantStore> opener, Supplier<List<TollgateConfigException>> problems) {
        this.opener = opener;
        this.problems = problems;
    }

    /** A store given ready-made (plain Java, tests): nothing to open, nothing to check. */
    static StoreAccess of(TenantStore store) {
        StoreAccess access = new StoreAccess(where -> store, List::of);
        access.store = store;
        return access;
    }

    /** What is wrong with the store's configuration, found without opening the database. */
    List<TollgateConfigException> configProblems() {
        return problems.get();
    }

    /**
     * @throws TenantStoreException when the store cannot be opened (the DataSource not found, the
     *         database unreachable); the next caller tries again
     */
    TenantStore store(ClientRef where) {
        TenantStore open = store;
        if (open != null) {
            return open;
        }
        synchronized (this) {
            if (store == null) {
                try {
                    store = opener.apply(where);
                } catch (TenantStoreException | TollgateConfigException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new TenantStoreException(where, "the tenant store could not be opened ("
                            + e.getClass().getName() + "). Nothing was sent or stored.", null);
                }
            }
            return store;
        }
    }
}
