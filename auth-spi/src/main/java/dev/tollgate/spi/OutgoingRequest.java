package dev.tollgate.spi;

import java.net.URI;
import java.util.Optional;

/** The parts of an outgoing request a provider may look at to choose its credentials. */
public interface OutgoingRequest {

    String method();

    URI uri();

    /** The request's path relative to the client's {@code base-url} path, without a leading slash. */
    String relativePath();

    /** A request property set with {@code Invocation.Builder.property(name, value)}. */
    Optional<Object> property(String name);

    /** The settings of the client and tenant this request is made for. */
    TenantSettings settings();
}
