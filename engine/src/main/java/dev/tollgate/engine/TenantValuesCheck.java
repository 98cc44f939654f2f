package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.InvalidTenantValuesException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.spi.TenantKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a tenant's values before they are verified or stored, as configuration would be
 * checked: only keys the provider stores for a tenant, none empty, no control character nor half
 * of a surrogate pair, none longer than {@value #MAX_LENGTH} characters; then the provider's own rules on the values as
 * calls would read them (required keys, URLs, secrets safe in a header). Every problem names its
 * key, never a value.
 */
final class TenantValuesCheck {

    /** Longer than any vendor's credential or URL, short enough that a pasted file is refused. */
    static final int MAX_LENGTH = 4096;
    /** Unknown keys named in one message at most: a map of thousands is refused in a few lines. */
    private static final int MAX_NAMED = 10;
    /**
     * An unknown key is named only when it reads as a key (words joined by '-') and is a near miss
     * of a real one (a typo): anything else, a token pasted where the key belongs (many are words
     * and dashes: sk-live-...), may be a secret.
     */
    private static final Pattern KEY_LIKE = Pattern.compile("[a-z]+(-[a-z0-9]+)*");
    /** At most this many letters added, dropped or changed: a typo, not another word. */
    private static final int NEAR_MISS = 2;

    private TenantValuesCheck() {
    }

    /**
     * The settings calls of {@code tenant} would see with {@code values}.
     *
     * @throws InvalidTenantValuesException listing every problem found
     */
    static ConfiguredSettings candidate(BoundClient client, String tenant, Map<String, String> values) {
        ClientRef ref = client.ref().withTenant(tenant);
        List<String> problems = problemsOf(client, values);
        if (!problems.isEmpty()) {
            throw new InvalidTenantValuesException(ref, problems);
        }
        try {
            ConfiguredSettings candidate = client.storedTenantSettings(tenant, values);
            candidate.baseUrl();
            candidate.allowedOrigins(client.protocol());
            EngineKeys.validate(candidate, client.protocol());
            client.protocol().validate(candidate);
            return candidate;
        } catch (TollgateConfigException e) {
            throw new InvalidTenantValuesException(ref, List.of(withoutPrefix(e)));
        } catch (RuntimeException e) {
            throw new InvalidTenantValuesException(ref, List.of("the provider " + client.provider().id()
                    + " could not check the values (" + e.getClass().getName() + ")"));
        }
    }

    private static List<String> problemsOf(BoundClient client, Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return List.of("no values were given");
        }
        Map<String, TenantKey> known = new TreeMap<>();
        client.protocol().tenantKeys().forEach(k -> known.put(k.name(), k));
        List<String> problems = new ArrayList<>();
        int unknown = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key == null || !known.containsKey(key)) {
                if (++unknown <= MAX_NAMED) {
                    // the near miss first: it looks at a key only as long as a real one, and the
                    // pattern's repeated group recurses per dash (a huge key overflows the stack)
                    problems.add(key != null && isNearMiss(key, known.keySet()) && KEY_LIKE.matcher(key).matches()
                            ? "'" + key + "' is not a key this client's tenants hold"
                            : "a key that is not one this client's tenants hold (not shown: it may be a value)");
                }
                continue;
            }
            if (value == null || value.isBlank()) {
                problems.add("'" + key + "' is empty");
            } else if (value.length() > MAX_LENGTH) {
                problems.add("'" + key + "' is longer than " + MAX_LENGTH + " characters");
            } else if (hasControlCharacter(value)) {
                problems.add("'" + key + "' contains a line break or another control or invisible formatting character");
            } else if (hasLoneSurrogate(value)) {
                problems.add("'" + key + "' is not valid Unicode text (half of a surrogate pair)");
            }
        }
        if (unknown > MAX_NAMED) {
            problems.add((unknown - MAX_NAMED) + " more unknown keys");
        }
        if (unknown > 0) {
            problems.add("the keys are " + String.join(", ", known.keySet()));
        }
        return problems;
    }

    private static boolean isNearMiss(String key, Iterable<String> known) {
        for (String name : known) {
            if (Math.abs(name.length() - key.length()) <= NEAR_MISS && editDistance(name, key) <= NEAR_MISS) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance; both strings are short (a key name). */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return true;
            }
        }
        return false;
    }

    /**
     * Half of a surrogate pair (text cut inside an emoji) has no UTF-8 form: encrypting it, or a
     * database storing it, turns it into '?' and what is read back is not what was saved.
     */
    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The problem alone: the exception's message begins with where it happened, which the caller's exception says. */
    private static String withoutPrefix(TollgateConfigException e) {
        String message = e.getMessage();
        String prefix = e.where().describe() + ": ";
        String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem;
    }
}
