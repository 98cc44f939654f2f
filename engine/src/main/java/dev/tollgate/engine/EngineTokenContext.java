package dev.tollgate.engine;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.time.Clock;
import java.time.Duration;

/**
 * The {@link TokenContext} of one token request. The HTTP client is made on first use (a
 * configured API token needs none) and closed by {@link #close()}.
 */
final class EngineTokenContext implements TokenContext, AutoCloseable {

    private final TenantSettings settings;
    private final Clock clock;
    private final Dependencies dependencies;
    /** The time left for this request, which caps its connect and read timeouts; null for no cap. */
    private final Duration timeLeft;
    private Client http;
    /** Set by the client's own filter as a request leaves: what a token endpoint counts as a request. */
    private volatile boolean sent;

    EngineTokenContext(TenantSettings settings, Clock clock, Dependencies dependencies, Duration timeLeft) {
        this.settings = settings;
        this.clock = clock;
        this.dependencies = dependencies;
        this.timeLeft = timeLeft;
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
            http = TollgateHttp.newClient(settings, timeLeft);
            ClientRequestFilter leaving = request -> sent = true;
            http.register(leaving, ClientRequestFilter.class);
        }
        return http;
    }

    /** True once a request of this context was on its way to the vendor (sent, or tried to connect). */
    boolean sentRequest() {
        return sent;
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
