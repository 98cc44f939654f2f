package dev.tollgate.provider.oauth2;

import java.util.List;
import java.util.Map;

/**
 * The members of an authorization server's metadata (RFC 8414 §2, OpenID Connect Discovery 1.0
 * §3) that Tollgate reads; every other member is ignored. Public, for JSON-B.
 */
public final class DiscoveryDocument {

    /** Must equal the configured issuer exactly (RFC 8414 §3.3, OpenID Connect Discovery §4.3). */
    public String issuer;
    /** Where token requests go. */
    public String token_endpoint;
    /** The client authentication methods the token endpoint takes; absent when the server does not say. */
    public List<String> token_endpoint_auth_methods_supported;
    /** RFC 8705 §5: endpoints a client authenticating with mutual TLS uses instead (its {@code token_endpoint}). */
    public Map<String, String> mtls_endpoint_aliases;
}
