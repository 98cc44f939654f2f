package dev.tollgate.engine.testing;

import dev.tollgate.engine.cluster.SharedMap;
import java.time.Duration;
import java.util.function.BiConsumer;

/** A server's shared map passed through, for a test to make one operation misbehave by overriding it. */
public class PassThroughMap implements SharedMap {

    private final SharedMap map;

    public PassThroughMap(SharedMap map) {
        this.map = map;
    }

    @Override
    public String get(String key) {
        return map.get(key);
    }

    @Override
    public void put(String key, String value, Duration lifespan) {
        map.put(key, value, lifespan);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration lifespan) {
        return map.putIfAbsent(key, value, lifespan);
    }

    @Override
    public boolean remove(String key, String expected) {
        return map.remove(key, expected);
    }

    @Override
    public void listen(BiConsumer<String, String> listener) {
        map.listen(listener);
    }

    @Override
    public String describe() {
        return map.describe();
    }

    @Override
    public void close() {
        map.close();
    }
}
