package dev.tollgate.engine.testing;

import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.client.Client;
import java.util.List;

/** The RFC 6749 simulator on loopback: its token endpoint and its protected resource. */
public record OAuth2Loopback(OAuth2Simulator simulator, LoopbackServer server, RequestJournal journal) {

    /** The client name the configurations use: keys under {@code tollgate.api.}. */
    public static final String CLIENT = "api";

    public String url(String path) {
        return server.url(path);
    }

    /** Client {@code api} of {@code provider}, with the simulator's API as base URL and its token endpoint. */
    public TestConfig config(String provider, String clientId, String clientSecret) {
        return TestConfig.with("tollgate.api.provider", provider)
                .and("tollgate.api.base-url", url("oauth2/"))
                .and("tollgate.api.token-url", url("oauth2/token"))
                .and("tollgate.api.client-id", clientId)
                .and("tollgate.api.client-secret", clientSecret);
    }

    /** Calls the protected resource and returns the status. */
    public int call(Client client) {
        try (var response = client.target(url("oauth2/api/resource")).request().get()) {
            return response.getStatus();
        }
    }

    /** The requests that reached the protected resource, in order. */
    public List<RecordedRequest> apiRequests() {
        return journal.requests().stream().filter(r -> r.path().endsWith("/api/resource")).toList();
    }
}
