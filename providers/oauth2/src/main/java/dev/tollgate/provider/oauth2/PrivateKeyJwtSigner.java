package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.KeyFiles;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code private_key_jwt} (RFC 7523 §2.2): the assertion signed with the client's private key,
 * RS256, PS256 (RSA, at least 2048 bits, RFC 7518 §3.3 and §3.5; PS256 only for a key restricted
 * to RSASSA-PSS) or ES256 (EC on P-256, §3.4),
 * read with {@link KeyFiles} from {@code signing-key-store}. The key must fit the algorithm: an
 * RSA key cannot sign ES256, and a server given a mismatched assertion only says
 * {@code invalid_client}, so a mismatch is a deployment error here.
 */
final class PrivateKeyJwtSigner implements AssertionSigner {

    static final KeyFiles.Keys KEYS = KeyFiles.keys("signing-key-store");
    static final String SIGNING_ALGORITHM = "signing-algorithm";
    static final String SIGNING_KEY_ID = "signing-key-id";
    static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256");
    private static final int MIN_RSA_BITS = 2048;

    private final PrivateKey key;
    private final SignatureAlgorithm algorithm;
    private final Optional<String> keyId;

    private PrivateKeyJwtSigner(PrivateKey key, SignatureAlgorithm algorithm, Optional<String> keyId) {
        this.key = key;
        this.algorithm = algorithm;
        this.keyId = keyId;
    }

    static PrivateKeyJwtSigner from(TenantSettings settings) {
        if (!KeyFiles.isConfigured(settings, KEYS)) {
            throw settings.invalid(KEYS.store(), "is not set: private_key_jwt signs with the key it names (PKCS#12, JKS or PEM)");
        }
        Optional<String> configured = settings.get(SIGNING_ALGORITHM).map(a -> a.trim().toUpperCase(Locale.ROOT));
        if (configured.isPresent() && !ALGORITHMS.contains(configured.get())) {
            throw settings.invalid(SIGNING_ALGORITHM, "must be one of " + String.join(", ", ALGORITHMS) + " for private_key_jwt");
        }
        PrivateKey key = KeyFiles.privateKey(settings, KEYS).key();
        String algorithm;
        if (key instanceof RSAKey rsa) {
            algorithm = rsaAlgorithm(settings, rsa, key.getAlgorithm(), configured);
        } else if (key instanceof ECKey ec) {
            algorithm = ecAlgorithm(settings, ec, configured);
        } else {
            throw settings.invalid(KEYS.store(), "holds a key of type " + key.getAlgorithm() + "; private_key_jwt signs with an RSA or EC P-256 key");
        }
        Optional<String> keyId = settings.get(SIGNING_KEY_ID).map(String::trim);
        return new PrivateKeyJwtSigner(key, SignatureAlgorithm.fromAlgorithm(algorithm), keyId);
    }

    private static String rsaAlgorithm(TenantSettings settings, RSAKey rsa, String keyAlgorithm, Optional<String> configured) {
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw settings.invalid(KEYS.store(), "holds an RSA key of " + rsa.getModulus().bitLength()
                    + " bits; RS256 and PS256 need at least " + MIN_RSA_BITS);
        }
        // a key made for RSASSA-PSS only (its own OID, as openssl genpkey -algorithm RSA-PSS makes) cannot sign RS256
        boolean pssOnly = keyAlgorithm.equals("RSASSA-PSS");
        String algorithm = configured.orElse(pssOnly ? "PS256" : "RS256");
        if (algorithm.equals("ES256")) {
            throw settings.invalid(SIGNING_ALGORITHM, "is ES256, which needs an EC P-256 key, but " + settings.keyName(KEYS.store())
                    + " holds an RSA key (use RS256 or PS256)");
        }
        if (pssOnly && !algorithm.equals("PS256")) {
            throw settings.invalid(SIGNING_ALGORITHM, "is " + algorithm + ", but " + settings.keyName(KEYS.store())
                    + " holds an RSA key restricted to RSASSA-PSS (use PS256)");
        }
        if (pssOnly && !signsPs256((PrivateKey) rsa)) {
            String hash = rsa.getParams() instanceof PSSParameterSpec p ? p.getDigestAlgorithm() : "other parameters";
            throw settings.invalid(KEYS.store(), "holds an RSA key restricted to RSASSA-PSS with " + hash + ", which cannot sign PS256"
                    + " (SHA-256, MGF1 with SHA-256, a 32-byte salt); use a key made for PS256 or a plain RSA key");
        }
        return algorithm;
    }

    /**
     * A key restricted to RSASSA-PSS may also be restricted to one hash and a minimum salt: the
     * JDK's own check says whether PS256's parameters (RFC 7518 §3.5) are among those it allows.
     */
    private static boolean signsPs256(PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("RSASSA-PSS");
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            signature.initSign(key);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no RSASSA-PSS signature", e);
        }
    }

    private static String ecAlgorithm(TenantSettings settings, ECKey ec, Optional<String> configured) {
        if (!isP256(ec.getParams())) {
            throw settings.invalid(KEYS.store(), "holds an EC key on a curve other than P-256 (secp256r1), the only curve ES256 allows");
        }
        String algorithm = configured.orElse("ES256");
        if (!algorithm.equals("ES256")) {
            throw settings.invalid(SIGNING_ALGORITHM, "is " + algorithm + ", which needs an RSA key, but " + settings.keyName(KEYS.store())
                    + " holds an EC key (use ES256)");
        }
        return algorithm;
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = p256.getParameterSpec(ECParameterSpec.class);
            return spec.getCurve().equals(params.getCurve()) && spec.getOrder().equals(params.getOrder())
                    && spec.getGenerator().equals(params.getGenerator());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no P-256 parameters", e);
        }
    }

    @Override
    public String method() {
        return "private_key_jwt";
    }

    @Override
    public String algorithm() {
        return algorithm.getAlgorithm();
    }

    @Override
    public String sign(JwtSignatureBuilder jws) {
        jws.algorithm(algorithm);
        keyId.ifPresent(jws::keyId);
        return jws.sign(key);
    }

    /** The private key never leaves this JVM: only the assertion is sent. */
    @Override
    public List<Secret> secrets() {
        return List.of();
    }
}
