package dev.tollgate.benchmarks;

import dev.tollgate.testkit.jaxrs.BareRequestContext;
import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a JAX-RS request that request filters use, as a plain object that allocates
 * nothing itself once warm: a request made again for each call keeps its header lists and
 * property slots, so that {@code -prof gc} counts the filters' own allocations and nothing else.
 * (The testkit's {@code RequestStub} allocates a map entry per header and property, as a client
 * runtime does.)
 */
final class QuietRequest extends BareRequestContext {

    /** Header lists kept across calls: an emptied list reads as an absent header. */
    private static final class Headers extends AbstractMultivaluedMap<String, Object> {
        private static final long serialVersionUID = 1L;

        Headers() {
            super(new HashMap<>());
        }

        /** The lists of {@link #store}, to empty them by index: no iterator per call. */
        private final List<List<Object>> kept = new ArrayList<>();

        void empty() {
            if (kept.size() != store.size()) {
                kept.clear();
                for (Map.Entry<String, List<Object>> e : store.entrySet()) {
                    if (!(e.getValue() instanceof ArrayList)) {
                        e.setValue(new ArrayList<>(e.getValue())); // a new name got a LinkedList: once
                    }
                    kept.add(e.getValue());
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                kept.get(i).clear();
            }
        }

        @Override
        public List<Object> get(Object key) {
            List<Object> values = store.get(key);
            return values == null || values.isEmpty() ? null : values;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }
    }

    private final Headers headers = new Headers();
    /** Properties kept as keys: a null value reads as an absent property. */
    private final Map<String, Object> properties = new HashMap<>();

    QuietRequest(Map<String, Object> clientProperties) {
        super(clientProperties);
    }

    QuietRequest() {
        this(Map.of());
    }

    /** Makes the request a fresh GET of {@code target}. */
    QuietRequest reset(URI target) {
        headers.empty();
        properties.replaceAll((name, value) -> null);
        setUri(target);
        return this;
    }

    @Override
    public Object getProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Collection<String> getPropertyNames() {
        return properties.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
    }

    @Override
    public void setProperty(String name, Object object) {
        properties.put(name, object);
    }

    @Override
    public void removeProperty(String name) {
        properties.put(name, null);
    }

    @Override
    public MultivaluedMap<String, Object> getHeaders() {
        return headers;
    }

    @Override
    public boolean hasEntity() {
        return false;
    }

    @Override
    public Object getEntity() {
        return null;
    }

    @Override
    public Class<?> getEntityClass() {
        return null;
    }

    @Override
    public Type getEntityType() {
        return null;
    }

    @Override
    public void setEntity(Object entity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setEntity(Object entity, Annotation[] annotations, MediaType mediaType) {
        throw new UnsupportedOperationException();
    }
}
