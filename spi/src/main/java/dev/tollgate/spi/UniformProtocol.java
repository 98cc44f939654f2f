package dev.tollgate.spi;

import jakarta.ws.rs.client.ClientRequestFilter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The protocol of most APIs: every request carries the same credentials, except requests to the
 * API's own token endpoint (which authenticate themselves). Made by {@link ClientProtocol#always}
 * and shaped with the methods below, each returning a new protocol:
 *
 * <pre>{@code
 * ClientProtocol.always(new AuthTokenSource())
 *         .exceptPaths("auth_token"::equals)
 *         .errorDetail(SilaMessage::parse)
 *         .rejectionAdvice(settings -> "Check " + settings.keyName("client-id") + " ...");
 * }</pre>
 */
public final class UniformProtocol implements ClientProtocol {

    private static final Predicate<String> NO_PATH = path -> false;

    private final List<CredentialSource> credentials;
    private final Predicate<String> bareRequests;
    private final List<ClientRequestFilter> filters;
    private final Function<String, Optional<String>> errorDetail;
    private final Function<String, Optional<String>> credentialRefusal;
    private final Function<TenantSettings, String> rejectionAdvice;
    private final Duration defaultRefreshBefore;
    private final Duration maxRefreshBefore;
    private final List<TenantKey> tenantKeys;
    /** Null for {@link CredentialVerification#none()}. */
    private final Function<TenantSettings, CredentialVerification> verification;

    private UniformProtocol(List<CredentialSource> credentials, Predicate<String> bareRequests,
                            List<ClientRequestFilter> filters, Function<String, Optional<String>> errorDetail,
                            Function<String, Optional<String>> credentialRefusal,
                            Function<TenantSettings, String> rejectionAdvice, Duration defaultRefreshBefore,
                            Duration maxRefreshBefore, List<TenantKey> tenantKeys,
                            Function<TenantSettings, CredentialVerification> verification) {
        this.credentials = credentials;
        this.bareRequests = bareRequests;
        this.filters = filters;
        this.errorDetail = errorDetail;
        this.credentialRefusal = credentialRefusal;
        this.rejectionAdvice = rejectionAdvice;
        this.defaultRefreshBefore = defaultRefreshBefore;
        this.maxRefreshBefore = maxRefreshBefore;
        this.tenantKeys = tenantKeys;
        this.verification = verification;
    }

    static UniformProtocol of(List<CredentialSource> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("a protocol that attaches no credential needs no provider");
        }
        return new UniformProtocol(List.copyOf(credentials), NO_PATH, List.of(), null, null, null, null, null, List.of(), null);
    }

    /**
     * Requests whose path (relative to {@code base-url}, see {@link OutgoingRequest#relativePath})
     * matches carry no credential: the token endpoint of an API that takes its own authentication there.
     */
    public UniformProtocol exceptPaths(Predicate<String> relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        // a second call adds paths: each rule names requests that carry nothing
        Predicate<String> bare = bareRequests == NO_PATH ? relativePath : bareRequests.or(relativePath);
        return new UniformProtocol(credentials, bare, filters, errorDetail,
                credentialRefusal, rejectionAdvice, defaultRefreshBefore, maxRefreshBefore, tenantKeys, verification);
    }

    /** Filters of the provider's own that carry no credential (an API version header). */
    public UniformProtocol filters(List<ClientRequestFilter> providerFilters) {
        return new UniformProtocol(credentials, bareRequests, List.copyOf(providerFilters), errorDetail, credentialRefusal,
                rejectionAdvice, defaultRefreshBefore, maxRefreshBefore, tenantKeys, verification);
    }

    /** How to read the vendor's explanation from an error body (see {@link ClientProtocol#errorDetail}). */
    public UniformProtocol errorDetail(Function<String, Optional<String>> fromBody) {
        return new UniformProtocol(credentials, bareRequests, filters, Objects.requireNonNull(fromBody, "fromBody"),
                credentialRefusal, rejectionAdvice, defaultRefreshBefore, maxRefreshBefore, tenantKeys, verification);
    }

    /** Which 403 bodies mean the credential itself was refused (see {@link ClientProtocol#credentialRefusal}). */
    public UniformProtocol credentialRefusal(Function<String, Optional<String>> fromBody) {
        return new UniformProtocol(credentials, bareRequests, filters, errorDetail, Objects.requireNonNull(fromBody, "fromBody"),
                rejectionAdvice, defaultRefreshBefore, maxRefreshBefore, tenantKeys, verification);
    }

    /** What to tell whoever fixes a refused credential (see {@link ClientProtocol#rejectionAdvice}). */
    public UniformProtocol rejectionAdvice(Function<TenantSettings, String> advice) {
        return new UniformProtocol(credentials, bareRequests, filters, errorDetail, credentialRefusal,
                Objects.requireNonNull(advice, "advice"), defaultRefreshBefore, maxRefreshBefore, tenantKeys, verification);
    }

    /**
     * The {@code refresh-before} default and the longest the API tolerates (either may be null).
     *
     * @throws IllegalArgumentException for a negative window, or a default longer than the cap (every
     *         client leaving {@code refresh-before} unset would then be refused for a key it never set)
     */
    public UniformProtocol refreshBefore(Duration byDefault, Duration atMost) {
        if ((byDefault != null && byDefault.isNegative()) || (atMost != null && atMost.isNegative())) {
            throw new IllegalArgumentException("a refresh-before window cannot be negative");
        }
        if (byDefault != null && atMost != null && byDefault.compareTo(atMost) > 0) {
            throw new IllegalArgumentException("the default refresh-before " + byDefault + " is longer than its cap " + atMost);
        }
        return new UniformProtocol(credentials, bareRequests, filters, errorDetail, credentialRefusal, rejectionAdvice,
                byDefault, atMost, tenantKeys, verification);
    }

    /**
     * The keys a tenant saved at run time may hold (see {@link ClientProtocol#tenantKeys}); without
     * this call the client's tenants cannot be stored.
     */
    public UniformProtocol tenantKeys(List<TenantKey> keys) {
        return new UniformProtocol(credentials, bareRequests, filters, errorDetail, credentialRefusal, rejectionAdvice,
                defaultRefreshBefore, maxRefreshBefore, List.copyOf(keys), verification);
    }

    /** How a tenant's credentials are proven before they are stored (see {@link ClientProtocol#verification}). */
    public UniformProtocol verification(Function<TenantSettings, CredentialVerification> how) {
        return new UniformProtocol(credentials, bareRequests, filters, errorDetail, credentialRefusal, rejectionAdvice,
                defaultRefreshBefore, maxRefreshBefore, tenantKeys, Objects.requireNonNull(how, "how"));
    }

    /** Proving a tenant's credentials by obtaining them: every credential this protocol attaches. */
    public UniformProtocol verifiedByObtaining() {
        return verification(settings -> CredentialVerification.obtain(credentials));
    }

    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        return bareRequests != NO_PATH && bareRequests.test(request.relativePath()) ? List.of() : credentials;
    }

    /** Without {@link #exceptPaths}, the answer never depends on the request: the engine asks once. */
    @Override
    public Optional<List<CredentialSource>> credentialsForEveryRequest() {
        return bareRequests == NO_PATH ? Optional.of(credentials) : Optional.empty();
    }

    /** {@link CredentialSource#check} of each credential: what deployment checks. */
    @Override
    public void validate(TenantSettings settings) {
        for (CredentialSource credential : credentials) {
            credential.check(settings);
        }
    }

    @Override
    public List<ClientRequestFilter> filters() {
        return filters;
    }

    @Override
    public Optional<Duration> defaultRefreshBefore() {
        return Optional.ofNullable(defaultRefreshBefore);
    }

    @Override
    public Optional<Duration> maxRefreshBefore() {
        return Optional.ofNullable(maxRefreshBefore);
    }

    @Override
    public Optional<String> errorDetail(int status, String body) {
        return errorDetail == null ? Optional.empty() : Objects.requireNonNullElse(errorDetail.apply(body), Optional.empty());
    }

    @Override
    public Optional<String> credentialRefusal(int status, String body) {
        return credentialRefusal == null ? Optional.empty()
                : Objects.requireNonNullElse(credentialRefusal.apply(body), Optional.empty());
    }

    @Override
    public String rejectionAdvice(TenantSettings settings) {
        return rejectionAdvice == null ? ClientProtocol.super.rejectionAdvice(settings) : rejectionAdvice.apply(settings);
    }

    @Override
    public List<TenantKey> tenantKeys() {
        return tenantKeys;
    }

    @Override
    public CredentialVerification verification(TenantSettings settings) {
        return verification == null ? CredentialVerification.none()
                : Objects.requireNonNull(verification.apply(settings), "verification");
    }
}
