package dev.tollgate.api;

import java.util.Optional;

/**
 * The API refused the credentials Tollgate sent (HTTP 401), and fetching again cannot help: a
 * static token is wrong or revoked, or a fresh token was refused too. Carries the vendor's own
 * explanation when it gave one.
 */
public class CredentialsRejectedException extends TollgateException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String vendorDetail;

    public CredentialsRejectedException(ClientRef where, int status, String vendorDetail, String advice) {
        super(where, "the API rejected the credentials (HTTP " + status + ")"
                + (vendorDetail == null ? "" : ": " + vendorDetail) + ". " + advice, null);
        this.status = status;
        this.vendorDetail = vendorDetail;
    }

    public int status() {
        return status;
    }

    /** The vendor's explanation, e.g. TaxJar's {@code detail}. */
    public Optional<String> vendorDetail() {
        return Optional.ofNullable(vendorDetail);
    }
}
