package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.spi.AuthProvider;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The providers installed on the class path, by id, found with {@link ServiceLoader}. */
public final class ProviderRegistry {

    private final Map<String, AuthProvider> byId;

    private ProviderRegistry(Map<String, AuthProvider> byId) {
        this.byId = byId;
    }

    public static ProviderRegistry discover(ClassLoader loader) {
        return of(ServiceLoader.load(AuthProvider.class, loader).stream().map(ServiceLoader.Provider::get).toList());
    }

    public static ProviderRegistry of(Collection<AuthProvider> providers) {
        Map<String, AuthProvider> byId = new TreeMap<>();
        for (AuthProvider p : providers) {
            AuthProvider previous = byId.putIfAbsent(p.id(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two providers claim the id '" + p.id() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new ProviderRegistry(Map.copyOf(byId));
    }

    public AuthProvider find(String client, String id) {
        AuthProvider provider = byId.get(id);
        if (provider == null) {
            throw new TollgateConfigException(ClientRef.client(client), ConfigKeys.clientKey(client, ConfigKeys.PROVIDER)
                    + " names provider '" + id + "', which is not installed. Installed providers: "
                    + (byId.isEmpty() ? "none (add a Tollgate provider jar to the application)" : String.join(", ", ids()))
                    + ".");
        }
        return provider;
    }

    public List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }
}
