package dev.tollgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a provider author can and cannot build with {@link ClientProtocol#always}. */
class UniformProtocolTest {

    private static final ConfiguredSecret TOKEN = ConfiguredSecret.bearer("api-token", "Acme API token");

    /**
     * A default window longer than the cap would make every client that leaves {@code refresh-before}
     * unset fail to bind, with a message telling the administrator that the key they never set is too
     * long: the provider's mistake is refused where it is made.
     */
    @Test
    void aDefaultRefreshWindowLongerThanItsCapIsTheProvidersMistake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientProtocol.always(TOKEN).refreshBefore(Duration.ofMinutes(45), Duration.ofMinutes(30)));
        assertTrue(e.getMessage().contains("PT45M") && e.getMessage().contains("PT30M"), e.getMessage());
    }

    @Test
    void aNegativeRefreshWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClientProtocol.always(TOKEN).refreshBefore(Duration.ofMinutes(-1), null));
        assertThrows(IllegalArgumentException.class, () -> ClientProtocol.always(TOKEN).refreshBefore(null, Duration.ofMinutes(-1)));
    }

    @Test
    void eitherWindowMayBeLeftToTheEngine() {
        UniformProtocol capped = ClientProtocol.always(TOKEN).refreshBefore(null, Duration.ofMinutes(30));
        assertEquals(Optional.empty(), capped.defaultRefreshBefore());
        assertEquals(Optional.of(Duration.ofMinutes(30)), capped.maxRefreshBefore());
        UniformProtocol same = ClientProtocol.always(TOKEN).refreshBefore(Duration.ofMinutes(30), Duration.ofMinutes(30));
        assertEquals(Optional.of(Duration.ofMinutes(30)), same.defaultRefreshBefore());
    }

    @Test
    void everyExceptPathsRuleAddsRequestsThatCarryNothing() {
        UniformProtocol protocol = ClientProtocol.always(TOKEN).exceptPaths("oauth/token"::equals).exceptPaths(p -> p.startsWith("auth/"));
        assertEquals(java.util.List.of(), protocol.credentialsFor(to("oauth/token")));
        assertEquals(java.util.List.of(), protocol.credentialsFor(to("auth/connect")));
        assertEquals(java.util.List.of(TOKEN), protocol.credentialsFor(to("orders")));
    }

    @Test
    void anErrorReaderThatAnswersNullReadsAsNoExplanation() {
        UniformProtocol protocol = ClientProtocol.always(TOKEN).errorDetail(body -> null).credentialRefusal(body -> null);
        assertEquals(Optional.empty(), protocol.errorDetail(500, "{}"));
        assertEquals(Optional.empty(), protocol.credentialRefusal(403, "{}"));
    }

    private static OutgoingRequest to(String relativePath) {
        return new OutgoingRequest() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public java.net.URI uri() {
                return java.net.URI.create("https://api.example.com/" + relativePath);
            }

            @Override
            public String relativePath() {
                return relativePath;
            }

            @Override
            public Optional<java.util.List<String>> pathUnder(java.net.URI base) {
                return Optional.empty();
            }

            @Override
            public Optional<Object> property(String name) {
                return Optional.empty();
            }

            @Override
            public TenantSettings settings() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
