package dev.tollgate.engine;

import dev.tollgate.spi.HeaderSafety;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void loopbackIsJudgedFromTheTextAlone() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]"}) {
            assertTrue(OriginPolicy.isLoopback(host), host);
        }
        for (String host : new String[] {"127.0.0.1.evil.com", "localhost.evil.com", "10.0.0.1", "128.0.0.1",
                "127.0.0.256", "127.0.0", "example.com", "", "0x7f.0.0.1"}) {
            assertFalse(OriginPolicy.isLoopback(host), host);
        }
    }

    @Test
    void baseUrlsMustBeHttpsUnlessLoopback() {
        assertNull(OriginPolicy.problemWithBaseUrl(URI.create("https://api.example.com/v2")));
        assertNull(OriginPolicy.problemWithBaseUrl(URI.create("http://127.0.0.1:8080/")));
        assertTrue(OriginPolicy.problemWithBaseUrl(URI.create("http://api.example.com/")).contains("https"));
        assertTrue(OriginPolicy.problemWithBaseUrl(URI.create("/relative")).contains("absolute"));
        assertTrue(OriginPolicy.problemWithBaseUrl(URI.create("https://user:pw@api.example.com/")).contains("user information"));
    }

    @Test
    void originIsSchemeHostAndPortWithDefaultPorts() {
        URI base = URI.create("https://api.example.com/v2/");
        assertTrue(OriginPolicy.sameOrigin(base, URI.create("https://API.example.com:443/v3/other")));
        assertFalse(OriginPolicy.sameOrigin(base, URI.create("http://api.example.com/v2/")));
        assertFalse(OriginPolicy.sameOrigin(base, URI.create("https://api.example.com:8443/v2/")));
        assertFalse(OriginPolicy.sameOrigin(base, URI.create("https://api.example.com.evil.com/v2/")));
        assertFalse(OriginPolicy.sameOrigin(base, URI.create("/v2/relative")));
    }

    @Test
    void headerSafetyRefusesEveryControlCharacter() {
        assertTrue(HeaderSafety.isSafe("Bearer abc.DEF-123_~+/="));
        for (char c = 0; c < 0x20; c++) {
            assertFalse(HeaderSafety.isSafe("abc" + c + "def"), "char " + (int) c);
        }
        assertFalse(HeaderSafety.isSafe("abc\u007f"));
        for (char c : new char[] {'\u0085', '\u00a0', '\u010a', '\u010d', '\u2028', '\u00e9'}) {
            assertFalse(HeaderSafety.isSafe("abc" + c + "def"), "char " + (int) c);
        }
    }
}
