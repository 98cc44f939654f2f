package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.demo.shop.ControlPanel.ControlPanelException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page's client of the sandbox's control panel, against a loopback server answering as the sandbox's does. */
class ControlPanelTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ControlPanel panel = new ControlPanel();
    private volatile int status;
    private volatile String contentType;
    private volatile String body;
    private volatile String location;
    private final CountDownLatch released = new CountDownLatch(1);

    ControlPanelTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sandbox/bigcommerce/control-panel", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (!"application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                // as the sandbox's JAX-RS resource, whose actions read form parameters
                exchange.sendResponseHeaders(415, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        panel.url = Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/sandbox/bigcommerce/control-panel/");
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    @Test
    void anInstallGivesWhereTheControlPanelSendsTheBrowserUnfollowed() {
        answer(303, "text/plain", "", "http://127.0.0.1:8080/backoffice/api/bigcommerce/auth?code=abc&context=stores%2Fs1");
        assertEquals(URI.create("http://127.0.0.1:8080/backoffice/api/bigcommerce/auth?code=abc&context=stores%2Fs1"),
                panel.installOnNewStore());
        assertEquals(List.of("POST /sandbox/bigcommerce/control-panel/stores"), received);
    }

    @Test
    void anUninstallGivesTheStatusTheAppsCallbackAnswered() {
        answer(200, "application/json", "{\"store\":\"s1\",\"callback-status\":401}", null);
        assertEquals(401, panel.uninstall("s1"));
        assertEquals(List.of("POST /sandbox/bigcommerce/control-panel/stores/s1/uninstall"), received);
    }

    @Test
    void theControlPanelsPlainTextRefusalIsToldAndNothingElseOfAnAnswerIs() {
        answer(503, "text/plain", "No BigCommerce app is registered: the server's configuration lacks tollgate.bigcommerce.client-id.", null);
        ControlPanelException refused = assertThrows(ControlPanelException.class, panel::installOnNewStore);
        assertEquals("The sandbox's control panel did not install the app (HTTP 503): No BigCommerce app is registered:"
                + " the server's configuration lacks tollgate.bigcommerce.client-id.", refused.getMessage());

        answer(404, "text/html", "<html>not-this-body</html>", null);
        refused = assertThrows(ControlPanelException.class, () -> panel.uninstall("s1"));
        assertEquals("The sandbox's control panel did not uninstall the app (HTTP 404).", refused.getMessage());

        answer(200, "text/plain", "x".repeat(5000), null);
        refused = assertThrows(ControlPanelException.class, panel::installOnNewStore, "a 200 is no install");
        assertTrue(refused.getMessage().length() < 400, refused.getMessage());

        answer(200, "application/json", "{\"store\":\"s1\"}", null);
        refused = assertThrows(ControlPanelException.class, () -> panel.uninstall("s1"));
        assertFalse(refused.getMessage().contains("s1"), refused.getMessage());
    }

    @Test
    void aControlPanelThatIsNotThereIsToldSo() {
        server.stop(0);
        ControlPanelException refused = assertThrows(ControlPanelException.class, panel::installOnNewStore);
        assertTrue(refused.getMessage().startsWith("The sandbox's control panel could not be reached"), refused.getMessage());
        assertTrue(refused.getMessage().contains(ControlPanel.KEY), refused.getMessage());
    }

    @Test
    void aControlPanelUrlThatIsNoneIsToldAsTheKeyToCorrect() {
        for (String typo : List.of("127.0.0.1:8083/sandbox/bigcommerce/control-panel", "http://[::1/control-panel",
                "ftp://127.0.0.1/control-panel", "control panel")) {
            panel.url = Optional.of(typo);
            ControlPanelException refused = assertThrows(ControlPanelException.class, panel::installOnNewStore, typo);
            assertTrue(refused.getMessage().startsWith(ControlPanel.KEY + " is not"), refused.getMessage());
        }
        assertEquals(List.of(), received);
    }

    @Test
    void aControlPanelUrlWithoutAHostIsToldAsTheKeyToCorrect() {
        for (String typo : List.of("http:control-panel", "http:///sandbox/bigcommerce/control-panel", "https:/sandbox/control-panel")) {
            panel.url = Optional.of(typo);
            ControlPanelException refused = assertThrows(ControlPanelException.class, () -> panel.uninstall("s1"), typo);
            assertTrue(refused.getMessage().startsWith(ControlPanel.KEY + " is not"), refused.getMessage());
        }
        assertEquals(List.of(), received);
    }

    @Test
    void withoutAControlPanelKeyTheButtonsSayWhichKeyIsMissing() {
        // the buttons are not shown then, but a page opened before a redeploy still posts its forms
        panel.url = Optional.empty();
        ControlPanelException refused = assertThrows(ControlPanelException.class, panel::installOnNewStore);
        assertTrue(refused.getMessage().contains(ControlPanel.KEY), refused.getMessage());
        refused = assertThrows(ControlPanelException.class, () -> panel.uninstall("s1"));
        assertTrue(refused.getMessage().contains(ControlPanel.KEY), refused.getMessage());
        assertEquals(List.of(), received);
    }

    @Test
    void aControlPanelThatSendsItsHeadersThenStallsIsGivenUpOnWithinTheLimit() {
        server.createContext("/stalling/control-panel", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 100); // a body of 100 bytes promised, one sent
            exchange.getResponseBody().write('{');
            exchange.getResponseBody().flush();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        panel.url = Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/stalling/control-panel");
        panel.answerLimit = Duration.ofMillis(300);
        // the safety net only: without a limit on the whole answer, the page's request would wait for ever
        ControlPanelException refused = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(ControlPanelException.class, () -> panel.uninstall("s1")));
        assertTrue(refused.getMessage().startsWith("The sandbox's control panel did not answer within"), refused.getMessage());
        assertEquals(List.of("POST /stalling/control-panel/stores/s1/uninstall"), received);
    }

    private void answer(int status, String contentType, String body, String location) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.location = location;
    }
}
