package dev.tollgate.testkit.simulator.sila;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps registered with a simulated Sila, per environment. Sandbox and
 * production are separate registrations, as at Sila: sandbox credentials are unknown to
 * production and the reverse.
 */
public final class SilaApps {

    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";

    /** An app as Sila's console registers it: its handle and the OAuth-style client credentials. */
    public record App(String environment, String appHandle, String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "App[" + environment + ", " + appHandle + "]"; // the secret stays out of messages
        }
    }

    // environment -> client id -> app
    private final Map<String, Map<String, App>> byEnvironment = new ConcurrentHashMap<>();

    /** The apps of {@link SilaFixture}. */
    public static SilaApps standard() {
        return new SilaApps()
                .add(SANDBOX, SilaFixture.ACME_APP_HANDLE, SilaFixture.ACME_SANDBOX_CLIENT_ID, SilaFixture.ACME_SANDBOX_CLIENT_SECRET)
                .add(SANDBOX, SilaFixture.GLOBEX_APP_HANDLE, SilaFixture.GLOBEX_SANDBOX_CLIENT_ID, SilaFixture.GLOBEX_SANDBOX_CLIENT_SECRET)
                .add(PRODUCTION, SilaFixture.ACME_APP_HANDLE, SilaFixture.ACME_PRODUCTION_CLIENT_ID, SilaFixture.ACME_PRODUCTION_CLIENT_SECRET);
    }

    public SilaApps add(String environment, String appHandle, String clientId, String clientSecret) {
        byEnvironment.computeIfAbsent(environment, e -> new ConcurrentHashMap<>())
                .put(clientId, new App(environment, appHandle, clientId, clientSecret));
        return this;
    }

    public boolean knowsEnvironment(String environment) {
        return byEnvironment.containsKey(environment);
    }

    public Optional<App> byClientId(String environment, String clientId) {
        return Optional.ofNullable(byEnvironment.getOrDefault(environment, Map.of()).get(clientId));
    }

    public Set<String> environments() {
        return Set.copyOf(byEnvironment.keySet());
    }
}
