package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.fake.StaticHeaderProvider;
import dev.tollgate.testkit.jaxrs.FilterCapture;
import dev.tollgate.testkit.jaxrs.RequestStub;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.testkit.config.TestConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The answer of every call passes through {@link EngineEvents#answered} while any credential of
 * the engine fails: one tenant's credential failing for good (or never called again) must not
 * make every other tenant's answers allocate.
 */
class EngineEventsHotPathTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static final CredentialSource TOKEN = new CredentialSource() {
        @Override
        public String name() {
            return "api-token";
        }

        @Override
        public Credential obtain(TokenContext context) {
            throw new UnsupportedOperationException("never fetched here");
        }

        @Override
        public Map<String, String> headers(Credential credential) {
            return Map.of("Authorization", "Bearer " + credential.value().reveal());
        }
    };

    @Test
    void anAcceptedAnswerAllocatesNothingWhileAnotherTenantsCredentialFails() {
        EngineEvents events = EngineEvents.unobserved(CLOCK);
        // umbrella's token endpoint failed once, and umbrella is never called again: its streak never ends
        events.fetchFailed(new CredentialId("shop", "umbrella", "api-token", "static-header"), false,
                new TokenAcquisitionException(ClientRef.of("shop", "static-header", "umbrella"), "unreachable", null),
                1, CLOCK.instant().plusSeconds(30), 1, 503);
        assertTrue(events.anyRefused(), "the failure is on record");

        ConfiguredSettings acme = ConfiguredSettings.forClient(TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.tenants.acme.api-token", "acme-token-5c2e91").build(),
                ClientRef.of("shop", "static-header", null), Optional.of(URI.create("https://api.example.com/")))
                .forTenant("acme", Optional.of(URI.create("https://api.example.com/")));
        Credential credential = Credential.permanent(Secret.of("acme-token-5c2e91"));
        AttachedCredential attached = AttachedCredential.once(new CredentialKey("shop", "acme", "api-token"), acme, TOKEN,
                new CachedCredential(credential, TOKEN.headers(credential), CLOCK.instant(), null));
        List<AttachedCredential> answer = List.of(attached);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200_000; i++) { // compiled as a busy server's would be
            events.answered(answer);
        }
        int calls = 100_000;
        // the fewest of a few rounds: on a busy machine the compiler may not be done after the warm-up,
        // and interpreted code allocates what compiled code does not; a real allocation shows in every round
        long perCall = Long.MAX_VALUE;
        for (int round = 0; round < 10 && perCall >= 8; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                events.answered(answer);
            }
            perCall = Math.min(perCall, (threads.getCurrentThreadAllocatedBytes() - before) / calls);
        }
        // less than the smallest object: a rounding of the per-call mean, never an allocation per call
        assertTrue(perCall < 8, "every accepted answer allocates " + perCall + " bytes while another tenant fails");
    }

    /** The response filters a feature registers, as a client runtime would find them. */
    private static List<ClientResponseFilter> responseFilters(Feature feature) {
        List<ClientResponseFilter> found = new ArrayList<>();
        FeatureContext[] context = new FeatureContext[1];
        context[0] = (FeatureContext) Proxy.newProxyInstance(FeatureContext.class.getClassLoader(), new Class<?>[] {FeatureContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("register") && args[0] instanceof ClientResponseFilter filter) {
                        found.add(filter);
                    } else if (method.getName().equals("register") && args[0] instanceof Feature nested) {
                        nested.configure(context[0]);
                    }
                    return method.getReturnType() == FeatureContext.class ? proxy : null;
                });
        feature.configure(context[0]);
        return found;
    }

    @Test
    void theResponseFilterAllocatesNothingForAnAcceptedAnswerWhileAnotherTenantFails() throws Exception {
        TollgateEngine engine = TollgateEngine.builder().config(TestConfig.with("tollgate.shop.provider", StaticHeaderProvider.ID)
                .and("tollgate.shop.base-url", "https://api.example.com/v1/")
                .and("tollgate.shop.tenants.acme.token", "acme-token-5c2e91").build()).clock(CLOCK).build();
        try {
            List<ClientRequestFilter> requestFilters = FilterCapture.requestFilters(engine.feature("shop"));
            List<ClientResponseFilter> responseFilters = responseFilters(engine.feature("shop"));
            RequestStub acme = new RequestStub(FilterCapture.clientProperties(engine.feature("shop")));
            acme.reset(URI.create("https://api.example.com/v1/things")).setProperty(Tollgate.TENANT_PROPERTY, "acme");
            for (ClientRequestFilter filter : requestFilters) {
                filter.filter(acme);
            }
            Integer ok = 200; // one boxed status for every call
            ClientResponseContext answer = (ClientResponseContext) Proxy.newProxyInstance(ClientResponseContext.class.getClassLoader(),
                    new Class<?>[] {ClientResponseContext.class}, (proxy, method, args) -> method.getName().equals("getStatus") ? ok : null);
            long usual = bytesPerAnswer(responseFilters, acme, answer); // the stubs' own share included

            RequestStub ghost = new RequestStub(FilterCapture.clientProperties(engine.feature("shop")));
            ghost.reset(URI.create("https://api.example.com/v1/things")).setProperty(Tollgate.TENANT_PROPERTY, "ghost");
            // a tenant nobody configured: its fetch fails, and nothing ends that failure
            assertThrows(TollgateConfigException.class, () -> {
                for (ClientRequestFilter filter : requestFilters) {
                    filter.filter(ghost);
                }
            });
            long whileFailing = bytesPerAnswer(responseFilters, acme, answer);
            // less than the smallest object more: a rounding of the per-call mean, never an allocation per answer
            assertTrue(whileFailing - usual < 8, "bytes allocated per accepted answer of acme: " + usual
                    + ", and while another tenant's credential fails: " + whileFailing);
        } finally {
            engine.close();
        }
    }

    private static long bytesPerAnswer(List<ClientResponseFilter> filters, RequestStub request, ClientResponseContext answer)
            throws java.io.IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200_000; i++) { // compiled as a busy server's would be
            for (ClientResponseFilter filter : filters) {
                filter.filter(request, answer);
            }
        }
        int calls = 100_000;
        // the fewest of five rounds: on a busy machine the compiler may not be done after the warm-up
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                for (ClientResponseFilter filter : filters) {
                    filter.filter(request, answer);
                }
            }
            fewest = Math.min(fewest, (threads.getCurrentThreadAllocatedBytes() - before) / calls);
        }
        return fewest;
    }
}
