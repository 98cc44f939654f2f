package dev.tollgate.engine;

import dev.tollgate.engine.cdi.CdiEngineLookup;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds the engine for {@code Tollgate.feature} and {@code @Authenticated}: the application's
 * CDI bean when a CDI container runs, otherwise one engine per MicroProfile {@link Config} (the
 * one {@link ConfigProvider#getConfig()} returns), so plain Java needs no setup beyond a config.
 */
public final class EngineLocator {

    private record Standalone(Config config, TollgateEngine engine) {
    }

    private static final AtomicReference<Standalone> STANDALONE = new AtomicReference<>();

    private EngineLocator() {
    }

    public static TollgateEngine current() {
        Optional<TollgateEngine> managed;
        try {
            managed = CdiEngineLookup.find();
        } catch (LinkageError noCdiApi) {
            managed = Optional.empty();
        }
        return managed.orElseGet(EngineLocator::standalone);
    }

    private static TollgateEngine standalone() {
        Config config = ConfigProvider.getConfig();
        Standalone current = STANDALONE.get();
        if (current != null && current.config() == config) {
            return current.engine();
        }
        Standalone created = new Standalone(config, TollgateEngine.builder().config(config).build());
        return STANDALONE.compareAndSet(current, created) ? created.engine() : STANDALONE.get().engine();
    }
}
