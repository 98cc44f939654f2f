package dev.tollgate.api;

/**
 * Tollgate refused to attach credentials to a request because doing so could leak them: the
 * request goes to another origin than the client's {@code base-url}, or a header value holds
 * control characters. Nothing was sent.
 */
public class UnsafeRequestException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public UnsafeRequestException(ClientRef where, String problem) {
        super(where, problem, null);
    }
}
