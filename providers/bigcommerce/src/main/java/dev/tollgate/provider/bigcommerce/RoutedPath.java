package dev.tollgate.provider.bigcommerce;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        if (rawPath == null) {
            return Optional.of(List.of());
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/", -1)) {
            int matrix = raw.indexOf(';');
            Optional<String> decoded = decode(matrix < 0 ? raw : raw.substring(0, matrix));
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            String segment = decoded.get();
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return Optional.of(List.copyOf(segments));
    }

    private static Optional<String> decode(String raw) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        int plain = 0; // start of the run of characters not yet copied
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%') {
                bytes.put(raw.substring(plain, i).getBytes(StandardCharsets.UTF_8));
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
                plain = i + 1;
            }
        }
        bytes.put(raw.substring(plain).getBytes(StandardCharsets.UTF_8));
        bytes.flip();
        String decoded;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            decoded = chars.toString();
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '/' || c == '\\' || c == ';' || c < 0x20 || c == 0x7f) {
                return Optional.empty();
            }
        }
        return Optional.of(decoded);
    }
}
