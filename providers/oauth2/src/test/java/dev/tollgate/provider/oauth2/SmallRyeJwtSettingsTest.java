package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's own SmallRye JWT settings would rewrite the assertion's claims: told at
 * deployment. The application's MicroProfile Config is the one registered for the thread's
 * context class loader, as in a server.
 */
class SmallRyeJwtSettingsTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    @TempDir
    Path dir;

    private List<TollgateConfigException> validatedWithApplicationConfig(Map<String, String> applicationConfig) throws Exception {
        var engine = harness.engine(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT,
                AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE)));
        return withApplicationConfig(applicationConfig, () -> engine.validate("api"));
    }

    private static <T> T withApplicationConfig(Map<String, String> applicationConfig, java.util.function.Supplier<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(new URL[0], original)) {
            Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(applicationConfig, "application", 500)).build();
            ConfigProviderResolver.instance().registerConfig(config, application);
            thread.setContextClassLoader(application);
            try {
                return work.get();
            } finally {
                thread.setContextClassLoader(original);
                ConfigProviderResolver.instance().releaseConfig(config);
            }
        }
    }

    @Test
    void overridingIssuerOrAudienceIsADeploymentError() throws Exception {
        List<TollgateConfigException> problems = validatedWithApplicationConfig(Map.of(
                SmallRyeJwtSettings.OVERRIDE, "true", SmallRyeJwtSettings.ISSUER, "https://shop.example.com"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).getMessage().contains("tollgate.api.auth-method is private_key_jwt, but this application sets "
                + SmallRyeJwtSettings.OVERRIDE + "=true"), problems.get(0).getMessage());
        assertEquals(0, oauth2.simulator().tokenRequests());
    }

    /** Why the check exists: the library does replace claims it was given. */
    @Test
    void theLibraryReplacesTheIssuerItWasGivenWhenTheApplicationSaysSo() throws Exception {
        String jws = withApplicationConfig(Map.of(SmallRyeJwtSettings.OVERRIDE, "true", SmallRyeJwtSettings.ISSUER, "https://shop.example.com"),
                () -> io.smallrye.jwt.build.Jwt.claims().issuer(AssertionKeys.RSA_CLIENT).jws()
                        .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(AssertionKeys.RSA.getPrivate()));

        assertEquals("https://shop.example.com", AssertionKeys.part(jws, 1).get("iss"));
    }

    @Test
    void anIssuerWithoutTheOverrideChangesNothing() throws Exception {
        // without the override the library only fills claims that are missing, and the assertion has them all
        assertEquals(List.of(), validatedWithApplicationConfig(Map.of(SmallRyeJwtSettings.ISSUER, "https://shop.example.com",
                SmallRyeJwtSettings.AUDIENCE, "shop")));
    }
}
