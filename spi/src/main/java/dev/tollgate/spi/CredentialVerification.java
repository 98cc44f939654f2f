package dev.tollgate.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a tenant's credentials are proven with the vendor before they are stored: the provider
 * says what proves them ({@link ClientProtocol#verification}); the engine sends it, with its
 * timeouts, origin checks and error mapping, and decides what is stored.
 */
public final class CredentialVerification {

    private static final Pattern METHOD = Pattern.compile("GET|HEAD");

    private final String method;
    private final String path;
    private final List<CredentialSource> obtain;

    private CredentialVerification(String method, String path, List<CredentialSource> obtain) {
        this.method = method;
        this.path = path;
        this.obtain = obtain;
    }

    /**
     * A read the API answers only for good credentials, sent to the tenant's base URL with the
     * credentials {@link ClientProtocol#credentialsFor} picks for it: TaxJar's
     * {@code GET /v2/categories}. 2xx proves them when it carries JSON (a GET answered with nothing, or
     * with a proxy's page, proves nothing); 401, or a 403 that {@link ClientProtocol#credentialRefusal} calls a
     * refusal, rejects them; another 403 is about the account. The read must carry a credential
     * ({@link ClientProtocol#credentialsFor} must pick one for it), or it is refused unsent.
     *
     * @param method {@code GET} or {@code HEAD}: a verification never changes anything
     * @param path   the path below the base URL, starting with {@code /}
     */
    public static CredentialVerification request(String method, String path) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("a verification request is a GET or a HEAD");
        }
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("a verification path starts with a single '/'");
        }
        return new CredentialVerification(method, path, List.of());
    }

    /** Obtaining these credentials proves them: a token endpoint that issues a token only for good client credentials. */
    public static CredentialVerification obtain(List<CredentialSource> sources) {
        if (Objects.requireNonNull(sources, "sources").isEmpty()) {
            throw new IllegalArgumentException("name at least one credential to obtain");
        }
        return new CredentialVerification(null, null, List.copyOf(sources));
    }

    /** The vendor offers no way to prove the credentials before use: they are stored once checked. */
    public static CredentialVerification none() {
        return new CredentialVerification(null, null, List.of());
    }

    /** The request's method, when this verification is a request. */
    public Optional<String> method() {
        return Optional.ofNullable(method);
    }

    /** The request's path below the base URL, when this verification is a request. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** The credentials to obtain, when this verification obtains credentials; else empty. */
    public List<CredentialSource> credentialsToObtain() {
        return obtain;
    }

    /** True when there is nothing to ask the vendor. */
    public boolean isNone() {
        return method == null && obtain.isEmpty();
    }
}
