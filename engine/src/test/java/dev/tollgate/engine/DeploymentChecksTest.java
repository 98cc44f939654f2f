package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.DeploymentCheck;
import dev.tollgate.testkit.config.TestConfig;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The providers' deployment checks as the engine runs them: a check that fails in itself (a bug,
 * a library missing next to it) fails deployment with a problem that names it, and every other
 * problem (the engine's own, the other checks') is still reported.
 */
class DeploymentChecksTest {

    static final String CHECKS_SECRET = "check-secret-value-7f3a";

    /** A check with a bug: it throws instead of returning its problems, quoting a setting it read. */
    public static final class ThrowingCheck implements DeploymentCheck {
        @Override
        public List<TollgateConfigException> problems(ConfiguredClients clients) {
            throw new IllegalStateException("could not read " + CHECKS_SECRET);
        }
    }

    @TempDir
    Path libraries;

    /** The test's class path plus a jar-like directory whose service file lists {@code entries}. */
    private ClassLoader withChecks(String... entries) throws IOException {
        Path services = Files.createDirectories(libraries.resolve("META-INF/services"));
        Files.writeString(services.resolve(DeploymentCheck.class.getName()), String.join("\n", entries) + "\n",
                StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {libraries.toUri().toURL()}, DeploymentChecksTest.class.getClassLoader());
    }

    private static List<String> deploymentProblems(ClassLoader loader) {
        // a client without base-url: the engine's own problem, which must not be lost
        TollgateEngine engine = TollgateEngine.builder().config(TestConfig.with("tollgate.shop.provider", "static-header").build())
                .providersFrom(loader).build();
        try {
            return engine.validateConfiguredClients().stream().map(TollgateConfigException::getMessage).toList();
        } finally {
            engine.close();
        }
    }

    @Test
    void aCheckThatThrowsIsAProblemNamingItAndTheOtherProblemsAreStillReported() throws IOException {
        List<String> found = deploymentProblems(withChecks(ThrowingCheck.class.getName()));
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("tollgate.shop.base-url"), found.get(0));
        assertTrue(found.get(1).contains(ThrowingCheck.class.getName()), found.get(1));
        assertFalse(found.get(1).contains(CHECKS_SECRET), "the check's own message may quote a setting: " + found.get(1));
    }

    @Test
    void aCheckThatCannotBeLoadedIsAProblemNamingIt() throws IOException {
        List<String> found = deploymentProblems(withChecks("dev.tollgate.provider.gone.MissingCheck", ThrowingCheck.class.getName()));
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).contains("tollgate.shop.base-url"), found.get(0));
        assertTrue(found.get(1).contains("dev.tollgate.provider.gone.MissingCheck"), found.get(1));
        assertTrue(found.get(2).contains(ThrowingCheck.class.getName()), found.get(2));
    }
}
