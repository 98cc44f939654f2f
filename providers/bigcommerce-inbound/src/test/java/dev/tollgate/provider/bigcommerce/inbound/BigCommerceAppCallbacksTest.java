package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT_ID;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.NEW_STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.simulator.bigcommerce.AuthCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The callbacks resource as an application mounts it (one subclass with its {@code @Path}), over
 * HTTP in Jersey: the answers, their status and {@code Cache-Control: no-store}; and with the
 * Jakarta Security mechanism in front, the payload it verified is used, not verified twice.
 */
class BigCommerceAppCallbacksTest {

    private final AppSetup setup = new AppSetup();
    @RegisterExtension
    final EngineHarness harness = setup.harness;
    @RegisterExtension
    final StoreHarness stores = setup.stores;

    /** The one class an application writes. */
    @Path("bigcommerce")
    public static class StoreApp extends BigCommerceAppCallbacks {
        public StoreApp(TollgateEngine engine, Clock clock) {
            super(AppSetup.CLIENT, engine, clock);
        }
    }

    /**
     * One engine for the mechanism and the resource, as in an application (a payload's jti is
     * remembered per engine): the mechanism guards load and uninstall for client bc, and for client
     * other, an app with the same credentials but none of bc's stores.
     */
    private final TollgateEngine engine = setup.engine(setup.config()
            .and("tollgate.bc.callback-paths", "/bigcommerce/load, /bigcommerce/uninstall")
            .and("tollgate.other.provider", "bigcommerce").and("tollgate.other.tenant-store", "database")
            .and("tollgate.other.client-id", CLIENT_ID).and("tollgate.other.client-secret", AppSetup.CLIENT_SECRET)
            .and("tollgate.other.callback-paths", "/bigcommerce/load, /bigcommerce/uninstall"));
    private final LoopbackServer app = harness.serve(new StoreApp(engine, harness.clock));
    private final Client browser = harness.plainClient();

    private Response get(URI url) {
        return browser.target(url).request().get();
    }

    private URI callback(String name, String payload) {
        UriBuilder url = UriBuilder.fromUri(app.url("bigcommerce/" + name));
        return (payload == null ? url : url.queryParam("signed_payload_jwt", payload)).build();
    }

    private static void assertAnswer(Response response, int status, String text) {
        try (response) {
            assertEquals(status, response.getStatus());
            assertEquals("no-store", response.getHeaderString("Cache-Control"));
            assertTrue(response.getMediaType().toString().startsWith("text/plain"), response.getMediaType().toString());
            // an answer over HTTP is read; one the resource returned directly holds its entity
            String body = response.getEntity() instanceof String built ? built : response.readEntity(String.class);
            assertTrue(body.contains(text), body);
        }
    }

    @Test
    void theFourCallbacksAnswerThroughTheInheritedResourceMethods() {
        AuthCallback install = setup.merchantInstalls(NEW_STORE);

        assertAnswer(get(install.at(URI.create(app.url("bigcommerce/auth")))), 200, "installed in BigCommerce store " + NEW_STORE);
        assertEquals(200, setup.catalog(engine, NEW_STORE), "the store's calls work at once");
        assertAnswer(get(callback("load", setup.bc.signedPayload(CLIENT_ID, NEW_STORE, 42, "clerk@example.com"))), 200,
                "store " + NEW_STORE + ", user 42");
        assertAnswer(get(callback("remove_user", setup.bc.signedPayload(CLIENT_ID, NEW_STORE, 42, "clerk@example.com"))), 200,
                "User 42");
        assertAnswer(get(callback("uninstall", setup.bc.uninstall(CLIENT_ID, NEW_STORE))), 200, "uninstalled");
        assertEquals(Map.of(), setup.stored(engine, NEW_STORE));
    }

    @Test
    void refusalsAnswerTheirStatusWithAShortReasonAndNothingSecret() {
        AuthCallback install = setup.merchantInstalls(NEW_STORE);
        URI auth = URI.create(app.url("bigcommerce/auth"));

        assertAnswer(get(UriBuilder.fromUri(auth).queryParam("code", install.code()).build()), 400, "malformed");
        assertEquals(0, setup.bc.loginRequests());
        assertAnswer(get(install.at(auth)), 200, "installed");
        try (Response again = get(install.at(auth))) {
            assertEquals(400, again.getStatus(), "the code was used");
            String body = again.readEntity(String.class);
            assertFalse(body.contains(install.code()) || body.contains(AppSetup.CLIENT_SECRET), body);
        }
        assertAnswer(get(callback("load", "not.a.jwt")), 401, "refused");
        assertAnswer(get(callback("load", null)), 401, "refused");
        String once = setup.bc.signedPayload(CLIENT_ID, NEW_STORE, 42, "clerk@example.com");
        assertAnswer(get(callback("load", once)), 200, "user 42");
        assertAnswer(get(callback("load", once)), 401, "refused");
        assertAnswer(get(callback("uninstall", once)), 401, "refused");
        assertEquals(NEW_STORE, setup.stored(engine, NEW_STORE).get("store-hash"), "a replayed uninstall removes nothing");
    }

    /** The servlet request of a callback: its query parameter, and attributes the mechanism sets and the resource reads. */
    private static HttpServletRequest request(String path, String payload, Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(BigCommerceAppCallbacksTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getParameter" -> "signed_payload_jwt".equals(args[0]) ? payload : null;
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The container's side of the mechanism: it logs the caller in. */
    private static HttpMessageContext container() {
        return (HttpMessageContext) Proxy.newProxyInstance(BigCommerceAppCallbacksTest.class.getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "notifyContainerAboutLogin" -> AuthenticationStatus.SUCCESS;
                    case "responseUnauthorized" -> AuthenticationStatus.SEND_FAILURE;
                    case "doNothing" -> AuthenticationStatus.NOT_DONE;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private AuthenticationStatus mechanism(String client, HttpServletRequest request) {
        return new BigCommerceAuthenticationMechanism(client, engine).validateRequest(request, (HttpServletResponse) null, container());
    }

    @Test
    void aPayloadTheMechanismVerifiedForThisClientIsNotVerifiedAgain() {
        setup.install(setup.app(engine), setup.merchantInstalls(NEW_STORE));
        StoreApp resource = new StoreApp(engine, harness.clock);

        String load = setup.bc.signedPayload(CLIENT_ID, NEW_STORE, 42, "clerk@example.com");
        Map<String, Object> loadAttributes = new HashMap<>();
        HttpServletRequest loadRequest = request("/bigcommerce/load", load, loadAttributes);
        assertEquals(AuthenticationStatus.SUCCESS, mechanism(AppSetup.CLIENT, loadRequest));
        assertAnswer(resource.load(load, loadRequest), 200, "user 42");

        String uninstall = setup.bc.uninstall(CLIENT_ID, NEW_STORE);
        HttpServletRequest uninstallRequest = request("/bigcommerce/uninstall", uninstall, new HashMap<>());
        assertEquals(AuthenticationStatus.SUCCESS, mechanism(AppSetup.CLIENT, uninstallRequest));
        assertAnswer(resource.uninstall(uninstall, uninstallRequest), 200, "uninstalled");
        assertEquals(Map.of(), setup.stored(engine, NEW_STORE), "the store was removed");
    }

    @Test
    void aPayloadAnotherClientsMechanismVerifiedIsNotTakenForThisClients() {
        setup.install(setup.app(engine), setup.merchantInstalls(NEW_STORE));
        String load = setup.bc.signedPayload(CLIENT_ID, NEW_STORE, 42, "clerk@example.com");
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest request = request("/bigcommerce/load", load, attributes);
        assertEquals(AuthenticationStatus.SEND_FAILURE, mechanism("other", request), "client other has no such store");
        SignedPayload otherStore = new SignedPayload("0therst0re", Optional.empty(), new SignedPayload.Person(1, "x@example.com",
                Optional.empty()), new SignedPayload.Person(1, "x@example.com", Optional.empty()), "/", Optional.empty());
        attributes.put(BigCommerceAuthenticationMechanism.VERIFIED_ATTRIBUTE, new VerifiedPayload("other", otherStore));

        assertAnswer(new StoreApp(engine, harness.clock).load(load, request), 200, "store " + NEW_STORE + ", user 42");
    }
}
