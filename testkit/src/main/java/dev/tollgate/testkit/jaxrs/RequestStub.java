package dev.tollgate.testkit.jaxrs;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of a JAX-RS request that request filters use (URI, method, headers, properties), as a
 * plain object, so that a benchmark measures the filters and not a client runtime around them.
 */
public final class RequestStub extends BareRequestContext {

    private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
    private final Map<String, Object> properties = new HashMap<>();
    private Object entity;

    /** A request of a client with no properties of its own. */
    public RequestStub() {
        this(Map.of());
    }

    /**
     * A request of a client configured with these properties, e.g. those a feature set
     * ({@link FilterCapture#clientProperties}).
     */
    public RequestStub(Map<String, Object> clientProperties) {
        super(clientProperties);
    }

    /** Makes the stub a fresh GET of {@code target}. */
    public RequestStub reset(URI target) {
        headers.clear();
        properties.clear();
        setUri(target);
        entity = null;
        return this;
    }

    @Override
    public Object getProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Collection<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public void setProperty(String name, Object object) {
        if (object == null) {
            properties.remove(name);
        } else {
            properties.put(name, object);
        }
    }

    @Override
    public void removeProperty(String name) {
        properties.remove(name);
    }

    @Override
    public MultivaluedMap<String, Object> getHeaders() {
        return headers;
    }

    @Override
    public boolean hasEntity() {
        return entity != null;
    }

    @Override
    public Object getEntity() {
        return entity;
    }

    @Override
    public Class<?> getEntityClass() {
        return entity == null ? null : entity.getClass();
    }

    @Override
    public Type getEntityType() {
        return getEntityClass();
    }

    @Override
    public void setEntity(Object entity) {
        this.entity = entity;
    }

    @Override
    public void setEntity(Object entity, Annotation[] annotations, MediaType mediaType) {
        this.entity = entity;
    }

    /** The client's configuration: its properties only, no registered components. */

}
