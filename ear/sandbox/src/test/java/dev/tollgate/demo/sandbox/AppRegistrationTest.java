package dev.tollgate.demo.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The app's registration as the sandbox reads it from the server's configuration, typos included. */
class AppRegistrationTest {

    private static final String AUTH = AppRegistration.PREFIX + "auth-callback-url";

    @Test
    void aUsableAuthCallbackUrlRegistersTheApp() {
        Optional<AppRegistration> app = AppRegistration.from(config(" http://127.0.0.1:8080/backoffice/api/bigcommerce/auth "));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8080/backoffice/api/bigcommerce/auth")), app.map(AppRegistration::authCallback));
    }

    @Test
    void anAuthCallbackUrlAnAdministratorMistypedRegistersNothingAndTheControlPanelNamesTheKey() {
        for (String typo : List.of("http://[broken/auth", "/backoffice/api/bigcommerce/auth", "127.0.0.1:8080/backoffice/api/bigcommerce/auth",
                "ftp://127.0.0.1/backoffice/api/bigcommerce/auth", "http:backoffice/api/bigcommerce/auth")) {
            assertEquals(Optional.empty(), AppRegistration.from(config(typo)), typo);

            SandboxBigCommerceControlPanel panel = new SandboxBigCommerceControlPanel(
                    new BigCommerceSimulator(Clock.systemUTC(), new RequestJournal()), () -> AppRegistration.from(config(typo)));
            Response refused = panel.installOnNewStore();
            assertEquals(503, refused.getStatus(), typo);
            assertTrue(refused.getEntity().toString().contains(AUTH + " is not an absolute http or https URL"), refused.getEntity().toString());
        }
    }

    /** A server configuration with the app's client id and secret and the given auth callback URL. */
    private static Config config(String authCallbackUrl) {
        Map<String, String> values = Map.of(AppRegistration.PREFIX + "client-id", "demo-app-client",
                AppRegistration.PREFIX + "client-secret", "demo-app-secret-0123456789abcdefghij", AUTH, authCallbackUrl);
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class}, (proxy, method, args) -> {
            if (method.getName().equals("getOptionalValue")) {
                return Optional.ofNullable(values.get((String) args[0]));
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
