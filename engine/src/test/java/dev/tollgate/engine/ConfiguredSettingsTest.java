package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.testkit.config.TestConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a client's and its tenants' keys are read, and what the errors say. */
class ConfiguredSettingsTest {

    private static final ClientRef REF = ClientRef.of("shop", "static-header", null);

    private static final Optional<URI> DEFAULT_BASE = Optional.of(URI.create("https://api.example.com/"));

    private static ConfiguredSettings client(TestConfig config) {
        return ConfiguredSettings.forClient(config.build(), REF, DEFAULT_BASE);
    }

    private static TestConfig base() {
        return TestConfig.with("tollgate.shop.provider", "static-header");
    }

    @Test
    void aTenantsKeyOverridesTheClientsAndOtherKeysAreInherited() {
        ConfiguredSettings acme = client(base()
                .and("tollgate.shop.region", "eu")
                .and("tollgate.shop.version", "1")
                .and("tollgate.shop.tenants.acme.version", "2"))
                .forTenant("acme", DEFAULT_BASE);
        assertEquals("2", acme.get("version").orElseThrow());
        assertEquals("eu", acme.get("region").orElseThrow());
        assertEquals("tollgate.shop.tenants.acme.version", acme.keyName("version"));
    }

    @Test
    void aSharedSecretIsInheritedButATenantsOwnSecretIsNot() {
        ConfiguredSettings acme = client(base()
                .and("tollgate.shop.client-secret", "app-secret-value")
                .and("tollgate.shop.token", "client-level-token"))
                .forTenant("acme", DEFAULT_BASE);
        assertEquals("app-secret-value", acme.requireSecret("client-secret", "client secret").reveal());
        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> acme.requireTenantSecret("token", "merchant token"));
        assertEquals("client 'shop' (provider static-header, tenant 'acme'): no merchant token is configured:"
                + " set tollgate.shop.tenants.acme.token.", e.getMessage());
    }

    @Test
    void theClientItselfReadsItsOwnKeys() {
        ConfiguredSettings shop = client(base().and("tollgate.shop.token", "client-level-token"));
        assertEquals("client-level-token", shop.requireTenantSecret("token", "token").reveal());
    }

    @Test
    void aMissingInheritableKeyNamesBothPlaces() {
        ConfiguredSettings acme = client(base()).forTenant("acme", DEFAULT_BASE);
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> acme.require("region", "the region"));
        assertTrue(e.getMessage().contains("set tollgate.shop.tenants.acme.region (or tollgate.shop.region for every tenant)"),
                e.getMessage());
    }

    @Test
    void aBlankValueCountsAsMissing() {
        ConfiguredSettings shop = client(base().and("tollgate.shop.token", "   "));
        assertThrows(TollgateConfigException.class, () -> shop.requireTenantSecret("token", "token"));
    }

    @Test
    void durationsAreIso8601AndErrorsNameTheKey() {
        ConfiguredSettings shop = client(base().and("tollgate.shop.read-timeout", "PT3S").and("tollgate.shop.connect-timeout", "3 seconds"));
        assertEquals(Duration.ofSeconds(3), shop.duration("read-timeout", Duration.ZERO));
        assertEquals(Duration.ofSeconds(9), shop.duration("missing", Duration.ofSeconds(9)));
        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> shop.duration("connect-timeout", Duration.ZERO));
        assertTrue(e.getMessage().contains("tollgate.shop.connect-timeout is not an ISO-8601 duration"), e.getMessage());
    }

    @Test
    void aControlCharacterInASecretNamesTheKeyNotTheValue() {
        ConfiguredSettings shop = client(base().and("tollgate.shop.token", "abc123secret\r\nX-Evil: 1"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> shop.requireTenantSecret("token", "token"));
        assertTrue(e.getMessage().contains("tollgate.shop.token"), e.getMessage());
        assertFalse(e.getMessage().contains("abc123secret"), e.getMessage());
    }

    @Test
    void anInheritedBadValueIsReportedAtTheClientsKey() {
        ConfiguredSettings acme = client(base().and("tollgate.shop.read-timeout", "soon")).forTenant("acme", DEFAULT_BASE);
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> acme.duration("read-timeout", Duration.ZERO));
        assertTrue(e.getMessage().contains("tollgate.shop.read-timeout is not"), e.getMessage());
    }

    @Test
    void aTenantMayHaveItsOwnBaseUrl() {
        ConfiguredSettings acme = client(base().and("tollgate.shop.tenants.acme.base-url", "https://eu.example.com/v1"))
                .forTenant("acme", DEFAULT_BASE);
        assertEquals(URI.create("https://eu.example.com/v1"), acme.baseUrl());
    }

    @Test
    void tenantsMayEachHaveABaseUrlWhenTheClientHasNone() {
        ConfiguredSettings shop = ConfiguredSettings.forClient(
                base().and("tollgate.shop.tenants.acme.base-url", "https://eu.example.com/").build(), REF, Optional.empty());
        assertEquals(URI.create("https://eu.example.com/"), shop.forTenant("acme", Optional.empty()).baseUrl());
        TollgateConfigException globex = assertThrows(TollgateConfigException.class,
                () -> shop.forTenant("globex", Optional.empty()).baseUrl());
        assertTrue(globex.getMessage().contains("(or tollgate.shop.tenants.globex.base-url)"), globex.getMessage());
        TollgateConfigException e = assertThrows(TollgateConfigException.class, shop::baseUrl);
        assertTrue(e.getMessage().contains("tollgate.shop.base-url (or tollgate.shop.tenants.<tenant>.base-url) is not set"
                + " and this provider has no default"), e.getMessage());
    }

    @Test
    void anUnsafeBaseUrlFailsAtOnce() {
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> ConfiguredSettings.forClient(
                base().and("tollgate.shop.base-url", "http://api.example.com/").build(), REF, Optional.empty()));
        assertTrue(e.getMessage().contains("tollgate.shop.base-url uses http to a host that is not loopback"), e.getMessage());
    }

    @Test
    void toStringShowsNoValues() {
        ConfiguredSettings shop = client(base().and("tollgate.shop.token", "do-not-show-me"));
        assertFalse(shop.toString().contains("do-not-show-me"));
    }
}
