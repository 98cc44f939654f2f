package dev.tollgate.engine;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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
    /** {@link System#nanoTime()} when {@link #timeLeft} runs out; unused without a cap. */
    private final long deadline;
    private final LastAnswer lastAnswer = new LastAnswer();
    private Client http;
    /** Set by the client's own filter as a request leaves: what a token endpoint counts as a request. */
    private volatile boolean sent;

    EngineTokenContext(TenantSettings settings, Clock clock, Dependencies dependencies, Duration timeLeft) {
        this.settings = settings;
        this.clock = clock;
        this.dependencies = dependencies;
        this.timeLeft = timeLeft;
        this.deadline = timeLeft == null ? 0 : System.nanoTime() + timeLeft.toNanos();
    }

    @Override
    public Optional<Duration> timeLeft() {
        return timeLeft == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
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
            http = TollgateHttp.newClient(settings, timeLeft).register(lastAnswer);
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

    /**
     * {@code failure} told which URL gave the answer it reports: the last answer received through
     * {@link #http()}, when its status is the failure's (a provider that judged an answer itself
     * may report what no answer said, and then no URL is claimed).
     */
    TokenEndpointException located(TokenEndpointException failure) {
        LastAnswer.Answer last = lastAnswer.last;
        return failure.endpoint().isPresent() || last == null || last.status() != failure.status() ? failure : failure.at(last.url());
    }

    /** Notes each answer's URL and status; a source's requests run one after the other. */
    private static final class LastAnswer implements ClientResponseFilter {
        private record Answer(URI url, int status) {
        }

        private volatile Answer last;

        @Override
        public void filter(ClientRequestContext request, ClientResponseContext response) {
            last = new Answer(request.getUri(), response.getStatus());
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
    }
}
