package dev.tollgate.provider.bigcommerce.inbound;

import java.util.regex.Pattern;

/**
 * The auth callback's {@code code} and {@code scope} as an OAuth server issues them (RFC 6749
 * appendix A: printable ASCII), and of a bounded length: anything else is no code of BigCommerce's,
 * and is refused before it is sent to the login service with the app's client secret (a request
 * of megabytes, or one that ends up in a log line cut in two).
 */
final class AuthCallbackValues {

    /** BigCommerce's codes are a few dozen characters; ample room, and far below any request limit. */
    static final int MAX_CODE = 1024;
    /** Every scope BigCommerce offers, each named once, fits in well under this. */
    static final int MAX_SCOPE = 4096;

    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]*");

    private AuthCallbackValues() {
    }

    static boolean isCode(String code) {
        return code != null && code.length() <= MAX_CODE && PRINTABLE.matcher(code).matches();
    }

    /** No scope at all is left to the login service to refuse, as before. */
    static boolean isScope(String scope) {
        return scope == null || scope.length() <= MAX_SCOPE && PRINTABLE.matcher(scope).matches();
    }
}
