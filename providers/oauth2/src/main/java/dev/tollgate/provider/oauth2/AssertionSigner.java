package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.util.List;

/** Signs a client assertion (RFC 7523 §2.2): with the client's private key, or with its secret. */
interface AssertionSigner {

    /** The {@code auth-method} this signer serves: {@code private_key_jwt} or {@code client_secret_jwt}. */
    String method();

    /** The JWS algorithm, as the {@code alg} header names it. */
    String algorithm();

    /** Sets the headers this signer owns ({@code alg}, {@code kid}) and signs. */
    String sign(JwtSignatureBuilder jws);

    /** Secrets besides the assertion that an echoing error body must be cleaned of. */
    List<Secret> secrets();
}
