package dev.tollgate.spi;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings of client {@code c} from a map, with the engine's message shapes, for tests of SPI helpers. */
final class MapSettings implements TenantSettings {

    private final Map<String, String> values = new HashMap<>();

    MapSettings with(String key, String value) {
        values.put(key, value);
        return this;
    }

    @Override
    public ClientRef ref() {
        return ClientRef.of("c", "test", null);
    }

    @Override
    public URI baseUrl() {
        return URI.create("https://api.example.com/");
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    @Override
    public String require(String key, String hint) {
        return get(key).orElseThrow(() -> invalid(key, "is not set: set it to the " + hint));
    }

    @Override
    public Secret requireSecret(String key, String hint) {
        return Secret.of(require(key, hint));
    }

    @Override
    public Secret requireTenantSecret(String key, String hint) {
        return requireSecret(key, hint);
    }

    @Override
    public String requireTenantOwn(String key, String hint) {
        return require(key, hint);
    }

    @Override
    public Optional<String> getTenantOwn(String key) {
        return get(key);
    }

    @Override
    public URI requireUrl(String key, String hint) {
        return URI.create(require(key, hint));
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return get(key).map(Duration::parse).orElse(defaultValue);
    }

    @Override
    public String keyName(String key) {
        return "tollgate.c." + key;
    }

    @Override
    public TollgateConfigException invalid(String key, String problem) {
        return new TollgateConfigException(ref(), keyName(key) + " " + problem + ".");
    }
}
