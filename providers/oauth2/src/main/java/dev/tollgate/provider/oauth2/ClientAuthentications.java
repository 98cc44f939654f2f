package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TenantSettings;
import java.util.List;

/** Reads {@code auth-method} and the keys of the method it names. */
final class ClientAuthentications {

    static final String AUTH_METHOD = "auth-method";
    static final String DEFAULT = "client_secret_basic";
    static final List<String> METHODS = List.of("client_secret_basic", "client_secret_post", "client_secret_jwt",
            "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth");

    private ClientAuthentications() {
    }

    /** The configured method (default {@code client_secret_basic}), its keys read and checked. */
    static ClientAuthentication from(TenantSettings settings) {
        String method = method(settings);
        String clientId = settings.require(TokenRequest.CLIENT_ID, "OAuth2 client id");
        return switch (method) {
            case "client_secret_basic" -> new ClientSecretBasic(clientId,
                    settings.requireSecret(TokenRequest.CLIENT_SECRET, "OAuth2 client secret"));
            case "client_secret_post" -> new ClientSecretPost(clientId,
                    settings.requireSecret(TokenRequest.CLIENT_SECRET, "OAuth2 client secret"));
            case "client_secret_jwt" -> JwtClientAssertion.from(settings, clientId, ClientSecretJwtSigner.from(settings));
            case "private_key_jwt" -> JwtClientAssertion.from(settings, clientId, PrivateKeyJwtSigner.from(settings));
            // RFC 8705 (issue 15, mutual TLS): tls_client_auth, self_signed_tls_client_auth
            default -> throw settings.invalid(AUTH_METHOD, "is not supported yet: " + method);
        };
    }

    /**
     * The keys that decide whether the server accepts what the method sends, for the advice after
     * a refusal: an assertion client has no secret to check, but a key, its id and its audience.
     */
    static List<String> keysToCheck(TenantSettings settings) {
        return switch (method(settings)) {
            case "private_key_jwt" -> List.of(TokenRequest.CLIENT_ID, PrivateKeyJwtSigner.KEYS.store(), PrivateKeyJwtSigner.SIGNING_KEY_ID,
                    PrivateKeyJwtSigner.SIGNING_ALGORITHM, JwtClientAssertion.ASSERTION_AUDIENCE, AUTH_METHOD);
            case "client_secret_jwt" -> List.of(TokenRequest.CLIENT_ID, TokenRequest.CLIENT_SECRET,
                    JwtClientAssertion.ASSERTION_AUDIENCE, AUTH_METHOD);
            default -> List.of(TokenRequest.CLIENT_ID, TokenRequest.CLIENT_SECRET, AUTH_METHOD);
        };
    }

    static String method(TenantSettings settings) {
        String method = settings.get(AUTH_METHOD).map(String::trim).orElse(DEFAULT);
        if (!METHODS.contains(method)) {
            throw settings.invalid(AUTH_METHOD, "must be one of " + String.join(", ", METHODS));
        }
        return method;
    }
}
