package dev.tollgate.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Who refused credentials, and where it answers: a token endpoint (an authorization server asked
 * for a token) or the API itself (a call, or the read that verifies a tenant's values). It tells
 * an administrator which keys to look at: a token endpoint refuses what is sent to obtain a token
 * (client id and secret, a login), an API refuses the token a call carried.
 *
 * <p>Holds only what a message may show: a token endpoint's URL without user information, query
 * or fragment (they may hold keys), and of an API only its origin ({@code scheme://host[:port]}).
 */
public final class Refuser {

    /** The kind of endpoint that refused. */
    public enum Kind {
        /** A token endpoint refused the request for a token. */
        TOKEN_ENDPOINT,
        /** The API refused the credentials a request carried. */
        API
    }

    private final Kind kind;
    private final URI address;

    private Refuser(Kind kind, URI address) {
        this.kind = kind;
        this.address = address;
    }

    /**
     * A token endpoint; {@code url} is the request's URL (null when not known), kept without its
     * user information, query and fragment.
     */
    public static Refuser tokenEndpoint(URI url) {
        return new Refuser(Kind.TOKEN_ENDPOINT, shown(url, true));
    }

    /** An API; {@code url} is any URL of it (null when not known), of which only the origin is kept. */
    public static Refuser api(URI url) {
        return new Refuser(Kind.API, shown(url, false));
    }

    public Kind kind() {
        return kind;
    }

    /** The token endpoint's URL or the API's origin, as described above; empty when not known. */
    public Optional<URI> address() {
        return Optional.ofNullable(address);
    }

    /**
     * For messages: {@code the token endpoint https://auth.example/oauth/token}, {@code the API at
     * https://api.example}.
     */
    public String describe() {
        String where = address == null ? "" : " " + address;
        return kind == Kind.TOKEN_ENDPOINT ? "the token endpoint" + where : "the API" + (address == null ? "" : " at" + where);
    }

    /**
     * Scheme, host, port and (for a token endpoint) path, nothing else; null for a URL without a
     * readable host, since a message must not quote what it cannot take apart.
     */
    private static URI shown(URI url, boolean withPath) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return null;
        }
        String path = withPath && url.getRawPath() != null ? url.getRawPath() : "";
        return URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()) + path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Refuser other && kind == other.kind && Objects.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, address);
    }

    @Override
    public String toString() {
        return describe();
    }
}
