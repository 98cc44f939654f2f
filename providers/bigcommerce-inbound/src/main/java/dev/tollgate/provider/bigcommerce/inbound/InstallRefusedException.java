package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateException;

/**
 * An auth callback that did not install the store: nothing was stored. The message says why and
 * never quotes the code, the client secret or a token.
 */
public class InstallRefusedException extends TollgateException {

    private static final long serialVersionUID = 1L;

    /** Why the install did not happen, and what the callback should answer. */
    public enum Reason {
        /** No code, or a {@code context} that is missing or not {@code stores/{hash}}: nothing was sent. 400. */
        MALFORMED_CALLBACK(400),
        /** BigCommerce's token endpoint refused the code (used, expired, another redirect_uri or app). 400. */
        CODE_REFUSED(400),
        /** The token endpoint's answer names another store than the callback's context, or lacks the token. 502. */
        ANSWER_UNUSABLE(502),
        /** The token endpoint could not be reached, answered 5xx or 429, or not in time. 503. */
        LOGIN_UNAVAILABLE(503),
        /** The store is a tenant in configuration, which the tenant store cannot replace. 409. */
        STORE_CONFIGURED(409),
        /** The tenant store could not be written. 503. */
        STORE_UNAVAILABLE(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** The HTTP status an auth callback answers with. */
        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public InstallRefusedException(ClientRef where, Reason reason, String problem, Throwable cause) {
        super(where, problem, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
