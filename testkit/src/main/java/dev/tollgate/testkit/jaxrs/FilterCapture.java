package dev.tollgate.testkit.jaxrs;

import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a JAX-RS {@link Feature} against a bare {@link FeatureContext} and keeps the request
 * filters it registers, in priority order: the filters exactly as a client runtime would call them.
 */
public final class FilterCapture implements FeatureContext {

    private record Registered(ClientRequestFilter filter, int priority) {
    }

    private final List<Registered> filters = new ArrayList<>();
    private final Map<String, Object> properties = new HashMap<>();

    public static List<ClientRequestFilter> requestFilters(Feature feature) {
        FilterCapture capture = new FilterCapture();
        feature.configure(capture);
        return capture.filters.stream().sorted(Comparator.comparingInt(Registered::priority)).map(Registered::filter).toList();
    }

    /** The client properties the feature sets, for a {@link RequestStub} of a client it configured. */
    public static Map<String, Object> clientProperties(Feature feature) {
        FilterCapture capture = new FilterCapture();
        feature.configure(capture);
        return Map.copyOf(capture.properties);
    }

    private FeatureContext add(Object component, int priority) {
        if (component instanceof ClientRequestFilter filter) {
            jakarta.annotation.Priority annotated = filter.getClass().getAnnotation(jakarta.annotation.Priority.class);
            filters.add(new Registered(filter, priority >= 0 ? priority : annotated != null ? annotated.value() : 5000));
        }
        if (component instanceof Feature nested) {
            nested.configure(this);
        }
        return this;
    }

    @Override
    public Configuration getConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public FeatureContext property(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass) {
        return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass, int priority) {
        return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass, Class<?>... contracts) {
        return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
        return this;
    }

    @Override
    public FeatureContext register(Object component) {
        return add(component, -1);
    }

    @Override
    public FeatureContext register(Object component, int priority) {
        return add(component, priority);
    }

    @Override
    public FeatureContext register(Object component, Class<?>... contracts) {
        return add(component, -1);
    }

    @Override
    public FeatureContext register(Object component, Map<Class<?>, Integer> contracts) {
        return add(component, -1);
    }
}
