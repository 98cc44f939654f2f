package dev.tollgate.api;

/**
 * The configuration of a client is missing, malformed or unsafe. The message names the exact
 * MicroProfile Config key to set or fix; it never repeats a secret value.
 */
public class TollgateConfigException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public TollgateConfigException(ClientRef where, String problem) {
        super(where, problem, null);
    }

    public TollgateConfigException(ClientRef where, String problem, Throwable cause) {
        super(where, problem, cause);
    }
}
