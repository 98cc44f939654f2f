package dev.tollgate.api;

/**
 * A credential could not be obtained or refreshed: the token endpoint failed, could not be
 * reached, or answered with something that is not a usable token.
 */
public class TokenAcquisitionException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public TokenAcquisitionException(ClientRef where, String problem, Throwable cause) {
        super(where, problem, cause);
    }
}
