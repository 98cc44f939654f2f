package dev.tollgate.spi;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The parts of an outgoing request a provider may look at to choose its credentials. */
public interface OutgoingRequest {

    String method();

    URI uri();

    /**
     * The request's path relative to the client's {@code base-url} path, without a leading slash:
     * its {@link RequestPath} segments joined with {@code /} (decoded, normalised, without matrix
     * parameters), so that rules on it see what the server will route.
     *
     * @throws dev.tollgate.api.UnsafeRequestException for a path that cannot be read one way only
     */
    String relativePath();

    /**
     * The request's path segments below {@code base} ({@link RequestPath}), when the request goes
     * to that origin and lies under its path; empty otherwise. For providers whose credentials go
     * to several configured URLs.
     *
     * @throws dev.tollgate.api.UnsafeRequestException for a path that cannot be read one way only
     */
    Optional<List<String>> pathUnder(URI base);

    /** A request property set with {@code Invocation.Builder.property(name, value)}. */
    Optional<Object> property(String name);

    /** The settings of the client and tenant this request is made for. */
    TenantSettings settings();
}
