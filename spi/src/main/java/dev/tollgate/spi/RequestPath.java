package dev.tollgate.spi;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL path as a server routes it, for the rules that choose credentials by path: segments
 * percent-decoded, matrix parameters ({@code ;x=1}) removed, empty segments dropped (servers
 * collapse {@code //}), and {@code .} and {@code ..} resolved.
 * A path that cannot be read one way only (bad percent-encoding, an encoded {@code /},
 * {@code \} or {@code ;}, a control character, a {@code ..} above the root, a dot segment with
 * parameters or percent-encoded, a {@code ..} after an empty segment) is refused, so that a
 * rule never decides on something the server would read otherwise.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * The segments of a raw (still encoded) path.
     *
     * @throws IllegalArgumentException for a path that cannot be read one way only
     */
    public static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath == null || rawPath.isEmpty()) {
            return segments;
        }
        String[] raws = rawPath.split("/", -1);
        boolean emptySeen = false;
        for (int i = 0; i < raws.length; i++) {
            String raw = raws[i];
            int matrix = raw.indexOf(';');
            String segment = decode(matrix >= 0 ? raw.substring(0, matrix) : raw);
            if ((segment.equals(".") || segment.equals("..")) && !raw.equals(segment)) {
                // servers disagree on "..;" and "%2e%2e": some resolve them, others take them as names
                throw new IllegalArgumentException("the path has a dot segment with parameters or in percent-encoding");
            }
            if (segment.isEmpty()) {
                emptySeen |= i > 0;
                continue;
            }
            if (segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("the path climbs above its root");
                }
                if (emptySeen) {
                    // "a//.." is "a" to RFC 3986 but "" to servers that collapse "//" first
                    throw new IllegalArgumentException("the path has a '..' after an empty segment");
                }
                segments.remove(segments.size() - 1);
                continue;
            }
            segments.add(segment);
        }
        return segments;
    }

    /**
     * The segments of a path a server received: as {@link #segments}, but any dot segment is
     * refused, since clients resolve them before sending and a runtime that did not could route
     * the request elsewhere than a rule read it.
     *
     * @throws IllegalArgumentException for a path that cannot be read one way only
     */
    public static List<String> receivedSegments(String rawPath) {
        if (rawPath != null) {
            for (String raw : rawPath.split("/", -1)) {
                int matrix = raw.indexOf(';');
                String segment = decode(matrix >= 0 ? raw.substring(0, matrix) : raw);
                if (segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("the path has a dot segment");
                }
            }
        }
        return segments(rawPath);
    }

    /**
     * The segments of {@code request}'s path below {@code base}'s path, when the request goes to
     * the same origin and lies under it; empty otherwise.
     *
     * @throws IllegalArgumentException for a path that cannot be read one way only
     */
    public static Optional<List<String>> under(URI base, URI request) {
        if (!sameOrigin(base, request)) {
            return Optional.empty();
        }
        List<String> prefix = segments(base.getRawPath());
        List<String> path = segments(request.getRawPath());
        if (path.size() < prefix.size() || !path.subList(0, prefix.size()).equals(prefix)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(path.subList(prefix.size(), path.size())));
    }

    /** How many segments {@code base}'s own path has: the deeper of two bases is the more specific. */
    public static int depth(URI base) {
        return segments(base.getRawPath()).size();
    }

    private static boolean sameOrigin(URI base, URI request) {
        return request.getScheme() != null && request.getHost() != null && base.getScheme() != null && base.getHost() != null
                && base.getScheme().equalsIgnoreCase(request.getScheme())
                && base.getHost().equalsIgnoreCase(request.getHost())
                && port(base) == port(request);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    /** Strict UTF-8 percent-decoding of one segment; refuses what would split or hide a segment. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            requirePlain(raw);
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("the path has a broken percent-encoding");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("the path has a broken percent-encoding");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the path is not UTF-8 once decoded");
        }
        if (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0 || decoded.indexOf(';') >= 0) {
            throw new IllegalArgumentException("the path hides a separator in a percent-encoding");
        }
        requirePlain(decoded);
        return decoded;
    }

    private static void requirePlain(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("the path holds a control character or a backslash");
            }
        }
    }
}
