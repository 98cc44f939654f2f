package dev.tollgate.provider.oauth2;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization server's metadata as read, before this client's checks: what it says, and
 * where it was read.
 *
 * @param issuer            the document's {@code issuer}, unchecked
 * @param tokenEndpoint     the document's {@code token_endpoint}, unchecked
 * @param mtlsTokenEndpoint the {@code token_endpoint} of its {@code mtls_endpoint_aliases} (RFC 8705 §5), unchecked
 * @param authMethods       {@code token_endpoint_auth_methods_supported}; empty when the document has none
 * @param readFrom          the well-known URL that served it
 */
record Metadata(String issuer, String tokenEndpoint, Optional<String> mtlsTokenEndpoint, Optional<List<String>> authMethods,
                URI readFrom) {

    /** The client authentication methods of RFC 8705, whose clients use the mutual TLS aliases. */
    private static final List<String> MUTUAL_TLS = List.of("tls_client_auth", "self_signed_tls_client_auth");

    static Optional<Metadata> of(DiscoveryDocument document, URI readFrom) {
        if (document == null || document.issuer == null || document.token_endpoint == null) {
            return Optional.empty();
        }
        Optional<String> mtls = Optional.ofNullable(document.mtls_endpoint_aliases).map(a -> a.get("token_endpoint"));
        return Optional.of(new Metadata(document.issuer, document.token_endpoint, mtls,
                Optional.ofNullable(document.token_endpoint_auth_methods_supported).map(Metadata::named), readFrom));
    }

    /** The methods a list names: a JSON null in it (a server template's empty slot) names none, and List.copyOf refuses it. */
    private static List<String> named(List<String> methods) {
        return methods.stream().filter(Objects::nonNull).toList();
    }

    /**
     * The token endpoint for a client authenticating with {@code authMethod}: RFC 8705 §5 has a
     * mutual TLS client use the alias when the server names one (servers that ask for client
     * certificates on a host of their own).
     */
    String tokenEndpointFor(String authMethod) {
        return MUTUAL_TLS.contains(authMethod) ? mtlsTokenEndpoint.orElse(tokenEndpoint) : tokenEndpoint;
    }
}
