package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.pki.TlsCertificates;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import dev.tollgate.testkit.simulator.taxjar.TaxJarSimulator;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's own trust store is an engine key: any provider's API behind a private CA (here the
 * fake static-token provider against the simulated TaxJar on https) is called through the
 * client's TLS context, and an https call over a JAX-RS client without it is refused and counted.
 */
class ClientTlsTest {

    @TempDir
    static Path keys;
    static TlsCertificates.Issued ca;
    static TlsCertificates.Issued server;
    static Path trustStore;
    static final String TRUST_PASSWORD = ConfiguredSecrets.record("tr-" + UUID.randomUUID());

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();

    @BeforeAll
    static void makeCertificates() {
        TlsCertificates certificates = TlsCertificates.in(keys);
        ca = certificates.authority("Private API CA");
        server = certificates.signedBy(ca, "TaxJar behind a private CA");
        trustStore = certificates.trustStore(TRUST_PASSWORD, ca.certificate());
    }

    private TaxJarLoopback httpsTaxJar() {
        TaxJarAccounts accounts = TaxJarAccounts.standard();
        return new TaxJarLoopback(accounts, harness.closeAfter(LoopbackServer.https(server, new TaxJarSimulator(accounts, harness.journal))),
                harness.journal);
    }

    private static TestConfig trusting(TestConfig config) {
        return config.and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tls-trust-store", trustStore.toString())
                .and("tollgate.taxjar.tls-trust-store-password", TRUST_PASSWORD);
    }

    private static int categories(Client client, TaxJarLoopback taxjar) {
        try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request().get()) {
            return response.getStatus();
        }
    }

    @Test
    void aTrustStoreAloneReachesAnyProvidersApiBehindAPrivateCa() {
        TaxJarLoopback taxjar = httpsTaxJar();
        TollgateEngine engine = harness.engine(trusting(taxjar.config(StaticBearerProvider.ID)));
        Client client = harness.closeAfter(ClientBuilder.newBuilder().sslContext(engine.sslContext("taxjar")).build()
                .register(engine.feature("taxjar")));

        assertEquals(200, categories(client, taxjar));
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
    }

    @Test
    void anHttpsCallWithoutTheClientsTlsContextIsRefusedAndCounted() {
        TaxJarLoopback taxjar = httpsTaxJar();
        TollgateEngine engine = harness.engine(trusting(taxjar.config(StaticBearerProvider.ID)));

        UnsafeRequestException e = assertThrows(UnsafeRequestException.class,
                () -> categories(harness.client(engine, TaxJarLoopback.CLIENT), taxjar));

        assertTrue(e.getMessage().contains("Tollgate.sslContext(\"taxjar\")"), e.getMessage());
        assertEquals(0, taxjar.journal().count(), "nothing was sent");
        assertEquals(1, engine.measurements().stream().filter(m -> m.metric() == Metric.CALLS_REFUSED
                && "without_client_tls".equals(m.tags().get("reason"))).mapToDouble(Measurement::value).sum());
    }

    /** A tenant's token checked before it is stored is read from the API behind the private CA, through the client's context. */
    @Test
    void aVerificationReadGoesThroughTheClientsTrustStore() {
        TaxJarLoopback taxjar = httpsTaxJar();
        TollgateEngine engine = harness.engine(trusting(taxjar.config(StoredBearerProvider.ID)));

        CandidateVerification.verify(engine, "taxjar", "newco", Map.of("api-token", ACME_SANDBOX_TOKEN));

        assertEquals(200, taxjar.journal().last().status());
    }

    /** A loopback http API has no TLS to present anything in: its calls are not refused for want of the context. */
    @Test
    void aPlainHttpLoopbackCallNeedsNoTlsContext() {
        TaxJarLoopback taxjar = harness.taxjar();
        TollgateEngine engine = harness.engine(trusting(taxjar.config(StaticBearerProvider.ID)));

        assertEquals(200, categories(harness.client(engine, TaxJarLoopback.CLIENT), taxjar));
    }

    /** A trust store adds CAs; the server's certificate must still name the host called (it names 127.0.0.1 only). */
    @Test
    void aServerWhoseCertificateNamesAnotherHostIsRefusedThoughItsCaIsTrusted() {
        TaxJarLoopback taxjar = httpsTaxJar();
        String byName = taxjar.sandboxUrl().replace("127.0.0.1", "localhost");
        TollgateEngine engine = harness.engine(trusting(taxjar.config(StaticBearerProvider.ID)).and("tollgate.taxjar.base-url", byName));
        Client client = harness.closeAfter(ClientBuilder.newBuilder().sslContext(engine.sslContext("taxjar")).build()
                .register(engine.feature("taxjar")));

        ProcessingException e = assertThrows(ProcessingException.class,
                () -> client.target(byName).path("categories").request().get().close());

        assertTrue(e.getCause() instanceof SSLHandshakeException, String.valueOf(e.getCause()));
        assertEquals(0, taxjar.journal().count(), "nothing was sent");
    }

    /**
     * The context an application gets is the one the engine's own calls use: initialising it
     * again (here with the JVM's trust) must not change what the client trusts or presents.
     */
    @Test
    void theClientsContextCannotBeInitialisedAgainByTheApplication() {
        TaxJarLoopback taxjar = httpsTaxJar();
        TollgateEngine engine = harness.engine(trusting(taxjar.config(StaticBearerProvider.ID)));
        SSLContext context = engine.sslContext("taxjar");

        assertThrows(IllegalStateException.class, () -> context.init(null, null, null));

        Client client = harness.closeAfter(ClientBuilder.newBuilder().sslContext(context).build().register(engine.feature("taxjar")));
        assertEquals(200, categories(client, taxjar), "the private CA is still trusted");
    }

    /** An async() call runs the filter on another thread: it is refused all the same. */
    @Test
    void anAsyncHttpsCallWithoutTheClientsTlsContextIsRefused() {
        TaxJarLoopback taxjar = httpsTaxJar();
        TollgateEngine engine = harness.engine(trusting(taxjar.config(StaticBearerProvider.ID)));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.target(taxjar.sandboxUrl()).path("categories").request().async().get().get(30, TimeUnit.SECONDS).close());

        assertTrue(e.getCause() instanceof UnsafeRequestException, String.valueOf(e.getCause()));
        assertEquals(0, taxjar.journal().count(), "nothing was sent");
    }

    @Test
    void aTenantsTrustStoreIsRefusedAtDeployment() {
        TaxJarLoopback taxjar = harness.taxjar();
        TollgateEngine engine = harness.engine(taxjar.config(StaticBearerProvider.ID)
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.acme.tls-trust-store", trustStore.toString()));

        var problems = engine.validate("taxjar");

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).getMessage().contains("tollgate.taxjar.tenants.acme.tls-trust-store is set for a tenant"),
                problems.get(0).getMessage());
        assertEquals(0, taxjar.journal().count(), "nothing was sent");
    }
}
