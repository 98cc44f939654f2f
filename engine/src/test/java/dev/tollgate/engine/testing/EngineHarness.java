package dev.tollgate.engine.testing;

import dev.tollgate.engine.Sleeper;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import dev.tollgate.testkit.simulator.taxjar.TaxJarSimulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test of the engine, a provider or a suite sets up and must take down: simulators on
 * loopback, engines built from a {@link TestConfig} with the movable {@link #clock} and the
 * {@link #sleeper} that records its waits instead of sleeping, and JAX-RS clients through an
 * engine's feature. Everything it made is closed after each test when registered as
 * {@code @RegisterExtension final EngineHarness harness = new EngineHarness();}, or by
 * {@link #close()} for a harness a test class shares (a static field).
 */
public final class EngineHarness implements AfterEachCallback, AutoCloseable {

    /** Shared by the engines and the simulators: hours of token lifetime pass without sleeping. */
    public final MutableClock clock;
    /** Records each wait between token endpoint attempts and moves {@link #clock} by it. */
    public final RecordingSleeper sleeper;
    /** What reached the simulators this harness serves. */
    public final RequestJournal journal = new RequestJournal();

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    /** A harness whose clock starts at 2026-11-22T10:00:00Z. */
    public EngineHarness() {
        this("2026-11-22T10:00:00Z");
    }

    /** A harness whose clock starts at {@code isoInstant}, a whole second. */
    public EngineHarness(String isoInstant) {
        this.clock = MutableClock.startingAt(isoInstant);
        this.sleeper = new RecordingSleeper(clock);
    }

    /** Serves JAX-RS resources (simulators, a test's own odd server) on 127.0.0.1. */
    public LoopbackServer serve(Object... resources) {
        return closeAfter(LoopbackServer.serve(resources));
    }

    /** The RFC 6749 simulator with the standard clients, on loopback, on this harness's clock and journal. */
    public OAuth2Loopback oauth2() {
        OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), clock, journal);
        return new OAuth2Loopback(simulator, serve(simulator), journal);
    }

    /** The TaxJar simulator with the standard accounts, on loopback, recording into this harness's journal. */
    public TaxJarLoopback taxjar() {
        TaxJarAccounts accounts = TaxJarAccounts.standard();
        return new TaxJarLoopback(accounts, serve(new TaxJarSimulator(accounts, journal)), journal);
    }

    /** An engine on the harness's clock and recording sleeper. */
    public TollgateEngine engine(TestConfig config) {
        return engine(config, sleeper);
    }

    /** An engine on the harness's clock that waits with {@code sleeper} (one that really sleeps, or that a test holds). */
    public TollgateEngine engine(TestConfig config, Sleeper sleeper) {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(clock).sleeper(sleeper).build();
        closeAfter(engine::close);
        return engine;
    }

    /** A JAX-RS client whose requests {@code engine} authenticates as {@code clientName}. */
    public Client client(TollgateEngine engine, String clientName) {
        return closeAfter(ClientBuilder.newClient().register(engine.feature(clientName)));
    }

    /** A plain JAX-RS client, without Tollgate. */
    public Client plainClient() {
        return closeAfter(ClientBuilder.newClient());
    }

    /** Closes {@code resource} with everything else, in reverse order of creation. */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        synchronized (toClose) {
            toClose.push(resource);
        }
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /**
     * Closes clients before engines before servers (the reverse of creation). A failure is thrown
     * after everything is closed; a checked one wrapped, so that a test need not declare it.
     */
    @Override
    public void close() {
        RuntimeException first = null;
        while (true) {
            AutoCloseable next;
            synchronized (toClose) {
                next = toClose.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException("closing " + next, e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
