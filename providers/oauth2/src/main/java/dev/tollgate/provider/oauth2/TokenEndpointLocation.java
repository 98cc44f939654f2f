package dev.tollgate.provider.oauth2;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenEndpointException;
import dev.tollgate.spi.UntrustedText;
import dev.tollgate.spi.UrlSafety;
import jakarta.ws.rs.client.Client;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Where the token requests of one client and tenant go: {@code token-url} when it is set (it
 * wins), else the {@code token_endpoint} of the metadata of {@code issuer} (discovery).
 */
abstract sealed class TokenEndpointLocation {

    static final String TOKEN_URL = "token-url";

    /** Reads and checks the keys; nothing is sent (discovery waits for the first token request). */
    static TokenEndpointLocation from(TenantSettings settings, Discovery discovery) {
        refuseTenantIssuerUnderClientTokenUrl(settings);
        if (settings.get(TOKEN_URL).isPresent() || settings.get(Issuer.KEY).isEmpty()) {
            if (settings.get(TOKEN_URL).isEmpty()) {
                throw settings.invalid(TOKEN_URL, "is not set, nor is " + settings.keyName(Issuer.KEY) + ": set "
                        + settings.keyName(TOKEN_URL) + " to the token endpoint URL, or " + settings.keyName(Issuer.KEY)
                        + " to the authorization server's issuer to find it by discovery");
            }
            return new Configured(settings.requireUrl(TOKEN_URL, "token endpoint URL"));
        }
        return new Discovered(settings, Issuer.from(settings), discovery);
    }

    /**
     * A tenant's own {@code issuer} under the client's {@code token-url}: token-url would win, the
     * tenant's issuer would be ignored, and the tenant's credentials would go to the client's
     * authorization server, which is not the one the tenant names. Said at deployment instead.
     */
    private static void refuseTenantIssuerUnderClientTokenUrl(TenantSettings settings) {
        if (settings.ref().tenant().isPresent() && settings.getTenantOwn(Issuer.KEY).isPresent()
                && settings.getTenantOwn(TOKEN_URL).isEmpty() && settings.get(TOKEN_URL).isPresent()) {
            String clientTokenUrl = "tollgate." + settings.ref().client() + "." + TOKEN_URL;
            throw settings.invalid(Issuer.KEY, "is set for this tenant, but " + clientTokenUrl + " is set for the client and"
                    + " a token-url wins over an issuer: the tenant's issuer would be ignored and its credentials sent to the"
                    + " client's token endpoint. Set " + settings.keyName(TOKEN_URL) + " for the tenant, or move "
                    + clientTokenUrl + " to the tenants that use it, or remove " + settings.keyName(Issuer.KEY));
        }
    }

    /**
     * The token endpoint for a request authenticated with {@code authMethod}, known by
     * {@code deadline} ({@link System#nanoTime()}, {@link Discovery#deadline}).
     *
     * @throws dev.tollgate.api.TollgateConfigException the metadata contradicts the configuration (naming the key)
     * @throws TokenAcquisitionException the metadata could not be read
     */
    abstract URI tokenUrl(Client http, long deadline, String authMethod);

    /** Told that a token request to {@link #tokenUrl} failed so. */
    void failed(TokenEndpointException failure) {
    }

    /** {@code token-url}. */
    static final class Configured extends TokenEndpointLocation {
        private final URI url;

        Configured(URI url) {
            this.url = url;
        }

        @Override
        URI tokenUrl(Client http, long deadline, String authMethod) {
            return url;
        }
    }

    /** {@code issuer}: RFC 8414, OpenID Connect Discovery 1.0. */
    static final class Discovered extends TokenEndpointLocation {
        private final TenantSettings settings;
        private final Issuer issuer;
        private final Discovery discovery;
        /** The metadata the last {@link #tokenUrl} used; one location serves one token request. */
        private Metadata used;

        Discovered(TenantSettings settings, Issuer issuer, Discovery discovery) {
            this.settings = settings;
            this.issuer = issuer;
            this.discovery = discovery;
        }

        @Override
        URI tokenUrl(Client http, long deadline, String authMethod) {
            Metadata metadata;
            try {
                metadata = discovery.metadata(issuer, http, deadline);
            } catch (DiscoveryException e) {
                throw new TokenAcquisitionException(settings.ref(), e.getMessage() + " (" + settings.keyName(Issuer.KEY)
                        + "). Nothing was sent to a token endpoint.", null, e.retryAfter().orElse(null));
            }
            try {
                URI url = checked(metadata, authMethod);
                used = metadata;
                return url;
            } catch (RuntimeException e) {
                discovery.forget(issuer, metadata); // read again next time: the server's metadata may be mended
                throw e;
            }
        }

        /**
         * A token endpoint that cannot be reached, is not found (404, 410) or redirects (3xx: how a
         * server that moved it answers the old one; not followed, the secret would go along) may
         * have moved: the next token request reads the metadata again. Any other failure is the
         * endpoint's answer.
         */
        @Override
        void failed(TokenEndpointException failure) {
            boolean unreachable = failure.kind() == TokenEndpointException.Kind.UNAVAILABLE && failure.status() == 0;
            boolean redirected = failure.status() / 100 == 3;
            if (used != null && (unreachable || redirected || failure.status() == 404 || failure.status() == 410)) {
                discovery.forget(issuer, used);
            }
        }

        private URI checked(Metadata metadata, String authMethod) {
            if (!issuer.text().equals(metadata.issuer())) {
                // RFC 8414 §3.3, OpenID Connect Discovery §4.3: else another server's metadata could redirect the secret
                boolean slashOnly = withoutFinalSlash(issuer.text()).equals(withoutFinalSlash(metadata.issuer()));
                throw settings.invalid(Issuer.KEY, "is " + issuer + ", but the metadata at " + metadata.readFrom()
                        + " is for issuer " + shown(metadata.issuer()) + "; the two must be identical"
                        + (slashOnly ? " (they differ by a final '/': set the issuer exactly as the server names itself)" : "")
                        + ", so its token endpoint is not used and nothing was sent to it");
            }
            URI url;
            try {
                url = new URI(metadata.tokenEndpointFor(authMethod));
            } catch (URISyntaxException e) {
                throw settings.invalid(Issuer.KEY, "names an authorization server whose metadata (" + metadata.readFrom()
                        + ") has a token_endpoint that is not a URL; set " + settings.keyName(TOKEN_URL) + " instead");
            }
            String problem = UrlSafety.problem(url);
            if (problem != null) {
                throw settings.invalid(Issuer.KEY, "names an authorization server whose metadata (" + metadata.readFrom()
                        + ") has a token_endpoint that " + problem + "; nothing was sent to it");
            }
            List<String> methods = metadata.authMethods().orElse(null);
            if (methods != null && !methods.contains(authMethod)) {
                throw settings.invalid(ClientAuthentications.AUTH_METHOD, "is " + authMethod + ", which the authorization server "
                        + issuer + " does not take (its token_endpoint_auth_methods_supported: "
                        + (methods.isEmpty() ? "none" : shown(String.join(", ", methods))) + ")");
            }
            return url;
        }

        /** What the metadata says, fit for a message: never a secret (metadata is public). */
        private static String shown(String untrusted) {
            return untrusted == null ? "(none)" : UntrustedText.bounded(UntrustedText.oneLine(untrusted), 200);
        }

        private static String withoutFinalSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
