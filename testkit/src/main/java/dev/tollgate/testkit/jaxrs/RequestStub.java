package dev.tollgate.testkit.jaxrs;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The part of a JAX-RS request that request filters use (URI, method, headers, properties), as a
 * plain object, so that a benchmark measures the filters and not a client runtime around them.
 */
public final class RequestStub implements ClientRequestContext {

    private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
    private final Map<String, Object> properties = new HashMap<>();
    private final Map<String, Object> clientProperties;
    private URI uri;
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
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Makes the stub a fresh GET of {@code target}. */
    public RequestStub reset(URI target) {
        headers.clear();
        properties.clear();
        uri = target;
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
    public URI getUri() {
        return uri;
    }

    @Override
    public void setUri(URI target) {
        uri = target;
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public void setMethod(String method) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MultivaluedMap<String, Object> getHeaders() {
        return headers;
    }

    @Override
    public MultivaluedMap<String, String> getStringHeaders() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getHeaderString(String name) {
        Object value = headers.getFirst(name);
        return value == null ? null : value.toString();
    }

    @Override
    public Date getDate() {
        return null;
    }

    @Override
    public Locale getLanguage() {
        return null;
    }

    @Override
    public MediaType getMediaType() {
        return null;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return List.of();
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return List.of();
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return Map.of();
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

    @Override
    public Annotation[] getEntityAnnotations() {
        return new Annotation[0];
    }

    @Override
    public OutputStream getEntityStream() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setEntityStream(OutputStream outputStream) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Client getClient() {
        throw new UnsupportedOperationException();
    }

    /** The client's configuration: its properties only, no registered components. */
    @Override
    public Configuration getConfiguration() {
        return new Configuration() {
            @Override
            public RuntimeType getRuntimeType() {
                return RuntimeType.CLIENT;
            }

            @Override
            public Map<String, Object> getProperties() {
                return clientProperties;
            }

            @Override
            public Object getProperty(String name) {
                return clientProperties.get(name);
            }

            @Override
            public Collection<String> getPropertyNames() {
                return clientProperties.keySet();
            }

            @Override
            public boolean isEnabled(Feature feature) {
                return false;
            }

            @Override
            public boolean isEnabled(Class<? extends Feature> featureClass) {
                return false;
            }

            @Override
            public boolean isRegistered(Object component) {
                return false;
            }

            @Override
            public boolean isRegistered(Class<?> componentClass) {
                return false;
            }

            @Override
            public Map<Class<?>, Integer> getContracts(Class<?> componentClass) {
                return Map.of();
            }

            @Override
            public Set<Class<?>> getClasses() {
                return Set.of();
            }

            @Override
            public Set<Object> getInstances() {
                return Set.of();
            }
        };
    }

    @Override
    public void abortWith(Response response) {
        throw new UnsupportedOperationException();
    }
}
