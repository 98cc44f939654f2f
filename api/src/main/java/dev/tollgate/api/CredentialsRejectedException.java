package dev.tollgate.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The vendor refused the credentials Tollgate sent, and fetching again cannot help: a static token
 * is wrong or revoked, a fresh token was refused too, or a token endpoint refused what was sent to
 * obtain a token (client id and secret, a login). The message says who refused ({@link #refuser()}:
 * a token endpoint and its URL, or the API and its origin), what it refused, the vendor's own
 * explanation when it gave one, and which keys to check.
 */
public class CredentialsRejectedException extends TollgateException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String vendorDetail;
    private final transient Refuser refuser;

    /**
     * @param refuser who refused
     * @param refused what it refused, for the message: e.g. {@code api-token}, {@code credentials
     *                sent for the access-token}
     * @param advice  what to check, naming the keys
     */
    public CredentialsRejectedException(ClientRef where, Refuser refuser, String refused, int status, String vendorDetail,
                                        String advice) {
        super(where, message(refuser.describe(), refused, status, vendorDetail, advice), null);
        this.status = status;
        this.vendorDetail = vendorDetail;
        this.refuser = refuser;
    }

    /**
     * For a refusal whose refuser is not known: the message then says "the vendor".
     *
     * @deprecated name who refused, with {@link #CredentialsRejectedException(ClientRef, Refuser, String, int, String, String)}
     */
    @Deprecated(since = "0.1.0")
    public CredentialsRejectedException(ClientRef where, int status, String vendorDetail, String advice) {
        super(where, message("the vendor", "credentials", status, vendorDetail, advice), null);
        this.status = status;
        this.vendorDetail = vendorDetail;
        this.refuser = null;
    }

    private static String message(String who, String refused, int status, String vendorDetail, String advice) {
        String said = vendorDetail == null ? "" : ": " + vendorDetail;
        // a vendor's explanation often ends its own sentence ("The auth token is invalid.")
        String end = said.endsWith(".") || said.endsWith("!") || said.endsWith("?") ? " " : ". ";
        return who + " refused the " + Objects.requireNonNull(refused, "refused") + " (HTTP " + status + ")" + said + end + advice;
    }

    public int status() {
        return status;
    }

    /** The vendor's explanation, e.g. TaxJar's {@code detail}. */
    public Optional<String> vendorDetail() {
        return Optional.ofNullable(vendorDetail);
    }

    /** Who refused: a token endpoint or the API, and where; empty when the thrower did not say. */
    public Optional<Refuser> refuser() {
        return Optional.ofNullable(refuser);
    }
}
