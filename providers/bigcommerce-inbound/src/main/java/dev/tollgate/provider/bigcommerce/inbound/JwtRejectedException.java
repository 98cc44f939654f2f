package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateException;

/**
 * A JWT said to come from BigCommerce failed verification (signature, algorithm, issuer,
 * audience, subject, time, or an unknown store). The message says which check failed and never
 * quotes the token.
 */
public class JwtRejectedException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public JwtRejectedException(ClientRef where, String problem) {
        super(where, problem, null);
    }
}
