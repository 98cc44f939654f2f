package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.api.TollgateException;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random, truncated and mutated token answers for every expiring-token provider's parser: each
 * call ends with a token or an exception of Tollgate's family, never another exception, never a
 * hang. Seeded, so a failure can be replayed.
 */
class TokenAnswerFuzzTest {

    private static final int CASES = 60;
    private static final String NOISE = "{}[]\",:0123456789.-+eEtrufalsn \\\r\n\t\u0000é😀";

    static Iterable<String> vendors() {
        return Vendor.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void noAnswerBreaksTheParser(String name) {
        try (Vendor vendor = Vendor.named(name)) {
            Client client = vendor.client("tollgate.v.token-failure-cooldown", "PT0S", "tollgate.v.token-max-attempts", "1");
            Random random = new Random(name.hashCode());
            List<String> bodies = bodies(vendor.validAnswer, random);
            int[] outcomes = new int[2];
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (String body : bodies) {
                    vendor.faults.malformedBody(body);
                    try {
                        vendor.call(client);
                        outcomes[0]++;
                        // a fuzzed answer that happened to be a usable token is cached: let it expire
                        vendor.clock.advance(Duration.ofDays(365 * 80));
                    } catch (RuntimeException e) {
                        if (TollgateException.in(e).isEmpty()) {
                            fail(vendor + ": the answer " + printable(body) + " ended with " + e);
                        }
                        TokenEndpointFaultSuiteTest.assertNoSecretIn(vendor, e);
                        outcomes[1]++;
                    }
                }
            });
            System.out.println("fuzz: " + vendor + ": " + bodies.size() + " answers, " + outcomes[0] + " gave a token, "
                    + outcomes[1] + " a Tollgate exception (each message scanned for secrets and issued tokens: 0 found), 0 anything else");
            assertTrue(outcomes[1] > bodies.size() / 2, "most fuzzed answers should be refused");
        }
    }

    private static List<String> bodies(String valid, Random random) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            switch (i % 5) {
                case 0 -> bodies.add(valid.substring(0, random.nextInt(valid.length()))); // truncated
                case 1 -> { // characters replaced
                    char[] chars = valid.toCharArray();
                    for (int k = 0; k < 1 + random.nextInt(4); k++) {
                        chars[random.nextInt(chars.length)] = NOISE.charAt(random.nextInt(NOISE.length()));
                    }
                    bodies.add(new String(chars));
                }
                case 2 -> { // noise inserted
                    StringBuilder b = new StringBuilder(valid);
                    b.insert(random.nextInt(b.length()), NOISE.substring(random.nextInt(NOISE.length())));
                    bodies.add(b.toString());
                }
                case 3 -> bodies.add(randomJson(random, 0)); // some other JSON
                default -> { // random characters
                    StringBuilder b = new StringBuilder();
                    for (int k = random.nextInt(200); k > 0; k--) {
                        b.append(NOISE.charAt(random.nextInt(NOISE.length())));
                    }
                    bodies.add(b.toString());
                }
            }
        }
        return bodies;
    }

    private static String randomJson(Random random, int depth) {
        return switch (depth > 2 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> "\"" + Long.toString(random.nextLong(), 36) + "\"";
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "-1.5e300";
            case 4 -> "[" + randomJson(random, depth + 1) + "," + randomJson(random, depth + 1) + "]";
            default -> "{\"access_token\":" + randomJson(random, depth + 1) + ",\"expires\":" + randomJson(random, depth + 1)
                    + ",\"data\":" + randomJson(random, depth + 1) + "}";
        };
    }

    private static String printable(String body) {
        return body.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
