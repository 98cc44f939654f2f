package dev.tollgate.testkit.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.config.TestConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the log-leak scan learns of the secrets a module's tests configured (this run's file, set by the parent POM). */
class ConfiguredSecretsTest {

    @Test
    void theValuesOfSecretKeysAreNotedAndNoOtherValues() throws Exception {
        TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.base-url", "https://configured-url.example.com/")
                .and("tollgate.shop.tenants.acme.api-token", "tenant-token-4Rw8")
                .and("tollgate.shop.client-secret", "client-secret-9Lq2")
                .and("tollgate.shop.tax-provider-password", "password-value-7Hn3")
                .and("tollgate.shop.token-url", "https://token-url.example.com/token")
                .environment("TOLLGATE_SHOP_TENANTS_GLOBEX_ACCESS_TOKEN", "env-token-2Kd6")
                .build();
        List<String> noted = ConfiguredSecrets.read();
        assertTrue(noted.containsAll(List.of("tenant-token-4Rw8", "client-secret-9Lq2", "password-value-7Hn3",
                "env-token-2Kd6")), String.valueOf(noted.size()));
        assertFalse(noted.contains("https://configured-url.example.com/"), "a URL is not a secret");
        assertFalse(noted.contains("https://token-url.example.com/token"), "token-url names a URL, not a token");
        assertFalse(noted.contains("static-header"));
    }

    @Test
    void aSecretWithALineBreakComesBackWholeAndAShortProbeIsNotNoted() throws Exception {
        assertTrue(ConfiguredSecrets.record("first-line-0a1b\r\nX-Injected: 1").startsWith("first-line"));
        ConfiguredSecrets.record("x\ty");
        List<String> noted = ConfiguredSecrets.read();
        assertTrue(noted.contains("first-line-0a1b\r\nX-Injected: 1"), "the secret came back cut at its line break");
        assertFalse(noted.contains("x\ty"), "a value shorter than a piece would be found in every log line");
    }

    @Test
    void secretNamesAreTheLastPartOfAKeyOrVariable() {
        for (String name : new String[] {"tollgate.a.api-token", "tollgate.a.token", "tollgate.a.client-secret",
                "tollgate.a.tenants.b.access-token", "tollgate.a.tax-provider-password", "TOLLGATE_A_API_TOKEN", "tollgate.a.signing-key"}) {
            assertTrue(ConfiguredSecrets.isSecretName(name), name);
        }
        for (String name : new String[] {"tollgate.a.token-url", "tollgate.a.storefront-token-lifetime", "tollgate.a.base-url",
                "tollgate.a.tokens", "tollgate.a.keystore", "tollgate.a.tenants"}) {
            assertFalse(ConfiguredSecrets.isSecretName(name), name);
        }
    }
}
