package dev.tollgate.testkit.jaxrs;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every plain request object that Tollgate's filters are called with shares: a GET of a
 * URI, headers read from {@link #getHeaders()}, no cookies or content negotiation, a client
 * configuration of properties only. Subclasses keep headers, properties and the entity their own
 * way ({@link RequestStub} as a client runtime does; the benchmarks' request without allocating).
 */
public abstract class BareRequestContext implements ClientRequestContext {

    private final Configuration configuration;
    private URI uri;

    protected BareRequestContext(Map<String, Object> clientProperties) {
        this.configuration = new ClientConfiguration(Map.copyOf(clientProperties));
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
    public MultivaluedMap<String, String> getStringHeaders() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getHeaderString(String name) {
        Object value = getHeaders().getFirst(name);
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

    @Override
    public Configuration getConfiguration() {
        return configuration;
    }

    @Override
    public void abortWith(Response response) {
        throw new UnsupportedOperationException();
    }

    /** A client's configuration: its properties only, no registered components. */
    private record ClientConfiguration(Map<String, Object> getProperties) implements Configuration {

        @Override
        public RuntimeType getRuntimeType() {
            return RuntimeType.CLIENT;
        }

        @Override
        public Object getProperty(String name) {
            return getProperties.get(name);
        }

        @Override
        public Collection<String> getPropertyNames() {
            return getProperties.keySet();
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
    }
}
