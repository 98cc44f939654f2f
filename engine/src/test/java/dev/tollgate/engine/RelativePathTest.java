package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.api.ClientRef;
import dev.tollgate.spi.RequestPath;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.jaxrs.RequestStub;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The path providers decide on: a plain path is cut as it is (the fast way), any other is read
 * segment by segment; both must give what {@link RequestPath} reads.
 */
class RelativePathTest {

    @ParameterizedTest
    @CsvSource({
            "https://api.example.com/v2/, https://api.example.com/v2/rates/94105",
            "https://api.example.com/v2/, https://api.example.com/v2/rates/",
            "https://api.example.com/v2/, https://api.example.com/v2/",
            "https://api.example.com/v2, https://api.example.com/v2",
            "https://api.example.com/v2, https://api.example.com/v2/auth_token",
            "https://api.example.com, https://api.example.com/v1/Auth/Connect",
            "https://api.example.com, https://api.example.com",
            "https://api.example.com/v2/, https://api.example.com/other/x",
            "https://api.example.com/v2/, https://api.example.com/v2//rates",
            "https://api.example.com/v2/, https://api.example.com/v2/./auth_token",
            "https://api.example.com/v2/, https://api.example.com/v2/x/../auth_token",
            "https://api.example.com/v2/, https://api.example.com/v2/auth%5Ftoken",
            "https://api.example.com/v2/, https://api.example.com/v2/auth_token;jsessionid=1",
            "https://api.example.com/v2/, https://api.example.com/v2/.well-known/x"})
    void aPlainPathIsCutAsTheSegmentsReadIt(String base, String target) {
        ConfiguredSettings settings = ConfiguredSettings.forClient(TestConfig.with("tollgate.c.base-url", base).build(),
                ClientRef.client("c"), Optional.empty());
        RequestStub request = new RequestStub().reset(URI.create(target));
        String expected = String.join("/", RequestPath.under(URI.create(base), URI.create(target))
                .orElseGet(() -> RequestPath.segments(URI.create(target).getRawPath())));
        assertEquals(expected, new JaxRsOutgoingRequest(request, settings).relativePath());
    }
}
