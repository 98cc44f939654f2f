package dev.tollgate.testkit.config;

import dev.tollgate.testkit.log.ConfiguredSecrets;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * A MicroProfile Config built from key/value pairs, as an administrator would have set them.
 * The values of secret keys ({@code api-token}, {@code client-secret}, ...) are noted for the
 * log-leak scan that runs after the module's tests ({@link ConfiguredSecrets}).
 */
public final class TestConfig {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private TestConfig() {
    }

    public static TestConfig with(String key, String value) {
        return new TestConfig().and(key, value);
    }

    public TestConfig and(String key, String value) {
        values.put(key, value);
        return this;
    }

    /**
     * An environment variable, looked up the way MicroProfile Config maps keys to variables
     * ({@code tollgate.shop.api-token} finds {@code TOLLGATE_SHOP_API_TOKEN}), as if the server's
     * environment held it.
     */
    public TestConfig environment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** An independent copy, for a variant that must not change this one. */
    public TestConfig copy() {
        TestConfig copy = new TestConfig();
        copy.values.putAll(values);
        copy.environment.putAll(environment);
        return copy;
    }

    public Config build() {
        values.forEach((key, value) -> {
            if (ConfiguredSecrets.isSecretName(key)) {
                ConfiguredSecrets.record(value);
            }
        });
        environment.forEach((variable, value) -> {
            if (ConfiguredSecrets.isSecretName(variable)) {
                ConfiguredSecrets.record(value);
            }
        });
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.copyOf(values), "test", 500))
                .withSources(new EnvConfigSource(Map.copyOf(environment), 300))
                .build();
    }
}
