package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.spi.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The paths {@link BigCommerceAuthenticationMechanism} guards, read from {@code callback-paths}
 * and {@code tax-provider-paths} (comma-separated, relative to each web module, e.g.
 * {@code /api/bigcommerce/load}): each a prefix of whole segments, normalised the way
 * {@link RoutedPath} normalises requests, so that {@code api/bigcommerce/load/} and
 * {@code /api//bigcommerce/load} mean {@code /api/bigcommerce/load}.
 *
 * <p>A path no request can ever be compared equal to is a configuration error naming the key, not
 * a silent hole: a matrix parameter, a percent escape (paths are compared decoded), a query or
 * fragment, a {@code .} or {@code ..} segment, a backslash, a wildcard or a {@code {template}}, a
 * space or an invisible character (two paths meant as a list, a character pasted from a
 * document), a whole URL. So is {@code /} alone,
 * which would put every request of every module behind the mechanism, and a path in both lists.
 */
record InboundPaths(List<String> callbacks, List<String> taxProvider) {

    static final String CALLBACK_PATHS = "callback-paths";
    static final String TAX_PATHS = "tax-provider-paths";

    /** A scheme and authority: {@code https://shop.example.com/...}. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

    static InboundPaths from(TenantSettings settings) {
        InboundPaths paths = new InboundPaths(read(settings, CALLBACK_PATHS), read(settings, TAX_PATHS));
        for (String callback : paths.callbacks) {
            for (String tax : paths.taxProvider) {
                if (covers(callback, tax) || covers(tax, callback)) {
                    throw settings.invalid(TAX_PATHS, "overlaps " + settings.keyName(CALLBACK_PATHS) + " ('" + tax + "' and '"
                            + callback + "'); a request must be either a callback or a Tax Provider call");
                }
            }
        }
        return paths;
    }

    boolean isCallback(String routedPath) {
        return callbacks.stream().anyMatch(p -> covers(p, routedPath));
    }

    boolean isTaxProvider(String routedPath) {
        return taxProvider.stream().anyMatch(p -> covers(p, routedPath));
    }

    /** A configured path written from the server's root: {@code key} holds {@code path}, which begins with {@code contextRoot}. */
    record Misplaced(String key, String path, String contextRoot) {

        /** What the administrator should have written. */
        String inModule() {
            String rest = path.substring(contextRoot.length());
            return rest.isEmpty() ? "the module's own path" : rest;
        }
    }

    /**
     * The configured path that begins with this request's context root and covers the request
     * with it: written from the server's root instead of the module's, it can never match (unless
     * a module repeats its own context root inside), yet says which requests were meant.
     */
    Optional<Misplaced> writtenWithContextRoot(RoutedPath request) {
        if (request.contextRoot().isEmpty()) {
            return Optional.empty();
        }
        String whole = request.contextRoot() + request.inModule();
        Optional<Misplaced> callback = callbacks.stream().filter(p -> covers(p, whole)).findFirst()
                .map(p -> new Misplaced(CALLBACK_PATHS, p, request.contextRoot()));
        return callback.or(() -> taxProvider.stream().filter(p -> covers(p, whole)).findFirst()
                .map(p -> new Misplaced(TAX_PATHS, p, request.contextRoot())));
    }

    /** Whether {@code path} is {@code prefix} or below it, segment by segment ({@code /tax} does not cover {@code /taxes}). */
    private static boolean covers(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static List<String> read(TenantSettings settings, String key) {
        List<String> paths = new ArrayList<>();
        for (String entry : settings.get(key).map(v -> v.split(",")).orElse(new String[0])) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                paths.add(normalise(settings, key, trimmed));
            }
        }
        return List.copyOf(paths);
    }

    private static String normalise(TenantSettings settings, String key, String path) {
        Optional<String> unreadable = whyUnmatchable(path);
        if (unreadable.isPresent()) {
            // the path is the administrator's, not a secret: quoting it helps find the typo
            throw settings.invalid(key, "holds '" + printable(path) + "', which no request can match: " + unreadable.get()
                    + ". Write each path relative to the web module, as JAX-RS routes it, e.g. /api/bigcommerce/load");
        }
        List<String> segments = RoutedPath.segments(path).orElseThrow();
        if (segments.isEmpty()) {
            throw settings.invalid(key, "holds '" + printable(path) + "', which would put every request of every web module behind the"
                    + " BigCommerce mechanism; name the resources' own path, e.g. /api/bigcommerce/load");
        }
        return RoutedPath.join(segments);
    }

    private static String printable(String path) {
        return path.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static Optional<String> whyUnmatchable(String path) {
        if (URL.matcher(path).lookingAt()) {
            return Optional.of("it is a URL; write the path alone, relative to the web module");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            String why = switch (c) {
                case ';' -> "requests are compared without matrix parameters (;)";
                case '%' -> "requests are compared decoded; write the character itself, not its %-escape";
                case '?', '#' -> "a query or fragment is not part of the path";
                case '\\' -> "the separator is /";
                case '*', '{', '}' -> "paths are prefixes, not patterns or templates: /api/bigcommerce covers everything below it";
                default -> c < 0x20 || c == 0x7f ? "it holds a control character"
                        // a space inside is two paths meant as a list, or a character pasted from a document
                        // (no-break, zero-width): either way no request is routed there
                        : Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                        ? "it holds a space or an invisible character; separate paths with commas" : null;
            };
            if (why != null) {
                return Optional.of(why);
            }
        }
        if (RoutedPath.segments(path).isEmpty()) {
            return Optional.of("requests are compared with . and .. segments resolved");
        }
        return Optional.empty();
    }
}
