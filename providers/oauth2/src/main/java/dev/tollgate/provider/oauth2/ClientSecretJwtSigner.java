package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code client_secret_jwt} (RFC 7523 §2.2 with an HMAC): the assertion signed HS256 with the
 * UTF-8 bytes of {@code client-secret}, the secret the server shares. RFC 7518 §3.2 wants an HS256
 * key of at least 256 bits, so a shorter secret is refused at deployment rather than by the server.
 */
final class ClientSecretJwtSigner implements AssertionSigner {

    static final int MIN_SECRET_BYTES = 32;

    private final Secret secret;

    private ClientSecretJwtSigner(Secret secret) {
        this.secret = secret;
    }

    static ClientSecretJwtSigner from(TenantSettings settings) {
        Secret secret = settings.requireSecret(TokenRequest.CLIENT_SECRET, "OAuth2 client secret");
        int bytes = secret.reveal().getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_SECRET_BYTES) {
            throw settings.invalid(TokenRequest.CLIENT_SECRET, "is " + bytes + " bytes long; client_secret_jwt signs HS256 with it,"
                    + " which needs at least " + MIN_SECRET_BYTES + " bytes (RFC 7518 §3.2)");
        }
        Optional<String> algorithm = settings.get(PrivateKeyJwtSigner.SIGNING_ALGORITHM).map(a -> a.trim().toUpperCase(Locale.ROOT));
        if (algorithm.isPresent() && !algorithm.get().equals("HS256")) {
            throw settings.invalid(PrivateKeyJwtSigner.SIGNING_ALGORITHM, "must be HS256 (or left out) for client_secret_jwt");
        }
        return new ClientSecretJwtSigner(secret);
    }

    @Override
    public String method() {
        return "client_secret_jwt";
    }

    @Override
    public String algorithm() {
        return "HS256";
    }

    @Override
    public String sign(JwtSignatureBuilder jws) {
        return jws.algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    @Override
    public List<Secret> secrets() {
        return List.of(secret);
    }
}
