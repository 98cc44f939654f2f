package dev.tollgate.engine;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import jakarta.ws.rs.client.Client;
import java.time.Clock;

/**
 * The {@link TokenContext} of one token request. The HTTP client is made on first use (a
 * configured API token needs none) and closed by {@link #close()}.
 */
final class EngineTokenContext implements TokenContext, AutoCloseable {

    private final TenantSettings settings;
    private final Clock clock;
    private final Dependencies dependencies;
    private Client http;

    EngineTokenContext(TenantSettings settings, Clock clock, Dependencies dependencies) {
        this.settings = settings;
        this.clock = clock;
        this.dependencies = dependencies;
    }

    @Override
    public Credential credential(CredentialSource dependency) {
        return dependencies.get(dependency);
    }

    @Override
    public void invalidate(CredentialSource dependency, Credential refused) {
        dependencies.invalidate(dependency, refused);
    }

    @Override
    public TenantSettings settings() {
        return settings;
    }

    @Override
    public Client http() {
        if (http == null) {
            http = TollgateHttp.newClient(settings);
        }
        return http;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
    }
}
