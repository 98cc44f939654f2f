package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.spi.RequestPath;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * A request's path inside its web module as a JAX-RS runtime routes it: the raw request URI cut
 * into segments, each without its matrix parameters ({@code ;x=1}) and percent-decoded (UTF-8),
 * empty segments dropped, the context root's segments removed.
 *
 * <p>The servlet path and path info are not used: containers disagree on them (Undertow drops
 * matrix parameters, Payara keeps them in the path info), while JAX-RS ignores matrix parameters
 * in both. Whatever cannot be read one way only is empty, so that the caller can refuse it: a
 * malformed escape or bytes that are not UTF-8, an encoded {@code /}, {@code \} or {@code ;},
 * a control character, a {@code .} or {@code ..} segment (clients resolve them before sending;
 * a runtime that did not could route them differently), or a URI outside the context root.
 */
record RoutedPath(String contextRoot, String inModule) {

    /**
     * The request's context root ({@code /backoffice}, {@code ""} for the root module) and its path
     * inside the module ({@code /api/bigcommerce/load}, {@code ""} for the module's root), or empty
     * if unreadable.
     */
    static Optional<RoutedPath> of(HttpServletRequest request) {
        Optional<List<String>> uri = segments(request.getRequestURI());
        Optional<List<String>> context = segments(request.getContextPath());
        if (uri.isEmpty() || context.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = uri.get();
        List<String> root = context.get();
        if (all.size() < root.size() || !all.subList(0, root.size()).equals(root)) {
            return Optional.empty();
        }
        return Optional.of(new RoutedPath(join(root), join(all.subList(root.size(), all.size()))));
    }

    /** {@code /a/b} for the segments a, b; {@code ""} for none. */
    static String join(List<String> segments) {
        StringBuilder path = new StringBuilder();
        segments.forEach(s -> path.append('/').append(s));
        return path.toString();
    }

    /** The decoded segments of a raw path, or empty if it cannot be read one way only. */
    static Optional<List<String>> segments(String rawPath) {
        try {
            return Optional.of(List.copyOf(RequestPath.receivedSegments(rawPath)));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
