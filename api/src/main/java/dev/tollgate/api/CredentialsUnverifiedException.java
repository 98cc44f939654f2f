package dev.tollgate.api;

import java.util.Optional;

/**
 * The vendor could not confirm a tenant's credentials: it refused the account rather than the
 * credentials (a 403: a plan without API access, say), or could not be reached. Nothing was
 * stored; {@link TenantCredentials#saveUnverified} stores such values anyway.
 */
public class CredentialsUnverifiedException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /** Why the vendor did not confirm the credentials. */
    public enum Reason {
        /** The vendor answered, but about the account (HTTP 403 and the like): the person must act at the vendor. */
        ACCOUNT_PROBLEM,
        /** The vendor could not be reached, or failed (timeouts, 5xx, answers that are not the vendor's). */
        VENDOR_UNAVAILABLE
    }

    private final Reason reason;
    private final String vendorDetail;

    public CredentialsUnverifiedException(ClientRef where, Reason reason, String vendorDetail, String problem, Throwable cause) {
        super(where, problem + (vendorDetail == null ? "" : ": " + vendorDetail) + ". Nothing was stored.", cause);
        this.reason = reason;
        this.vendorDetail = vendorDetail;
    }

    public Reason reason() {
        return reason;
    }

    /** The vendor's explanation, when it gave one. */
    public Optional<String> vendorDetail() {
        return Optional.ofNullable(vendorDetail);
    }
}
