package dev.tollgate.engine;

import dev.tollgate.engine.cdi.CdiEngineLookup;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds the engine for {@code Tollgate.feature} and {@code @Authenticated}: the application's
 * CDI bean when a CDI container runs, otherwise one engine per MicroProfile {@link Config} (the
 * one {@link ConfigProvider#getConfig()} returns), so plain Java needs no setup beyond a config.
 */
public final class EngineLocator {

    /**
     * One engine per configuration (applications with their own class loaders have their own).
     * Entries stay for the JVM's life; without CDI that is one or a few.
     */
    private static final Map<Config, TollgateEngine> STANDALONE = new ConcurrentHashMap<>();

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
        return STANDALONE.computeIfAbsent(ConfigProvider.getConfig(), config -> TollgateEngine.builder().config(config).build());
    }
}
