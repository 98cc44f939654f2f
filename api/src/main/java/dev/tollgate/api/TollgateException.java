package dev.tollgate.api;

import jakarta.ws.rs.ProcessingException;
import java.util.Optional;

/**
 * The root of Tollgate's exceptions. Every message names the client, the provider and the
 * tenant where known, says what to do, and never contains a secret.
 *
 * <p>It is a {@link ProcessingException} because it is raised while a JAX-RS client processes a
 * request or response: JAX-RS runtimes pass a {@code ProcessingException} thrown by a filter
 * through to the caller as it is, so callers catch the Tollgate type itself rather than a wrapper.
 */
public abstract class TollgateException extends ProcessingException {

    private static final long serialVersionUID = 1L;

    private final transient ClientRef where;

    protected TollgateException(ClientRef where, String problem, Throwable cause) {
        super(where.describe() + ": " + problem, cause);
        this.where = where;
    }

    public ClientRef where() {
        return where;
    }

    public String client() {
        return where.client();
    }

    public Optional<String> tenant() {
        return where.tenant();
    }

    public Optional<String> provider() {
        return where.provider();
    }

    /**
     * The Tollgate exception in a cause chain. Jersey hands Tollgate's exceptions to the caller as
     * they are; other JAX-RS runtimes may wrap one thrown by a response filter (RESTEasy, for
     * example, in a {@code ResponseProcessingException}).
     */
    public static Optional<TollgateException> in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TollgateException tollgate) {
                return Optional.of(tollgate);
            }
        }
        return Optional.empty();
    }
}
