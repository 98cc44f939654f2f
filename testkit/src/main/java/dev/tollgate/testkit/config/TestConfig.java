package dev.tollgate.testkit.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** A MicroProfile Config built from key/value pairs, as an administrator would have set them. */
public final class TestConfig {

    private final Map<String, String> values = new HashMap<>();

    private TestConfig() {
    }

    public static TestConfig with(String key, String value) {
        return new TestConfig().and(key, value);
    }

    public TestConfig and(String key, String value) {
        values.put(key, value);
        return this;
    }

    /** An independent copy, for a variant that must not change this one. */
    public TestConfig copy() {
        TestConfig copy = new TestConfig();
        copy.values.putAll(values);
        return copy;
    }

    public Config build() {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.copyOf(values), "test", 500))
                .build();
    }
}
