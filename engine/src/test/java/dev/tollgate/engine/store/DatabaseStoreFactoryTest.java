package dev.tollgate.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as MicroProfile Config describes it: keys, data source, and what is wrong with them. */
class DatabaseStoreFactoryTest {

    private static final ClientRef TAXJAR = ClientRef.client("taxjar");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path directory;

    static String newKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return ConfiguredSecrets.record(Base64.getEncoder().encodeToString(key));
    }

    private String h2Url() {
        return "jdbc:h2:file:" + directory.resolve("tollgate");
    }

    @Test
    void aMissingKeyIsADeploymentProblemNamingIt() {
        Config config = TestConfig.with("tollgate.store.jdbc-url", h2Url()).build();

        assertEquals(1, DatabaseStoreFactory.problems(config).size());
        assertTrue(DatabaseStoreFactory.problems(config).get(0).startsWith("tollgate.store.encryption-key is not set"));
        TollgateConfigException refused = assertThrows(TollgateConfigException.class, () -> DatabaseStoreFactory.create(config, TAXJAR));
        assertTrue(refused.getMessage().contains("tollgate.store.encryption-key"), refused.getMessage());
        assertEquals("taxjar", refused.client());
    }

    @Test
    void aMalformedKeyIsNamedNeverQuoted() {
        String notBase64 = ConfiguredSecrets.record("not/base64!" + newKey(8));
        String tooShort = newKey(16);
        String withLineBreak = newKey(32) + "\n";
        for (String value : List.of(notBase64, tooShort)) {
            Config config = TestConfig.with("tollgate.store.encryption-key", value).build();
            List<String> problems = DatabaseStoreFactory.problems(config);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("tollgate.store.encryption-key "), problems.get(0));
            TollgateConfigException refused = assertThrows(TollgateConfigException.class, () -> DatabaseStoreFactory.create(config, TAXJAR));
            assertFalse(refused.getMessage().contains(value.strip()), "the message repeats no key");
        }
        assertTrue(DatabaseStoreFactory.problems(TestConfig.with("tollgate.store.encryption-key", tooShort).build()).get(0)
                .contains("16 bytes long, not 32"));
        assertEquals(List.of(), DatabaseStoreFactory.problems(TestConfig.with("tollgate.store.encryption-key", withLineBreak).build()),
                "a key pasted with its line break");
    }

    /**
     * The same 32 bytes written in URL-safe base64 (Python's secrets.token_urlsafe(32), many key
     * vaults) or wrapped over two lines by a tool are the same key: they read what it wrote.
     */
    @Test
    void theSameKeyInUrlSafeBase64OrWrappedOverTwoLinesReadsWhatItWrote() {
        byte[] bytes = new byte[32];
        String standard;
        do {
            RANDOM.nextBytes(bytes);
            standard = Base64.getEncoder().encodeToString(bytes);
        } while (standard.indexOf('+') < 0 && standard.indexOf('/') < 0); // a spelling where the alphabets differ
        ConfiguredSecrets.record(standard);
        String urlSafe = ConfiguredSecrets.record(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        String wrapped = standard.substring(0, 22) + "\n" + standard.substring(22);
        String token = TenantStoreContract.newToken();
        store(standard).save("taxjar", "acme", Map.of("api-token", token), Set.of("api-token"));

        assertEquals(token, store(urlSafe).load("taxjar", "acme").orElseThrow().values().get("api-token"));
        assertEquals(token, store(wrapped).load("taxjar", "acme").orElseThrow().values().get("api-token"));
    }

    private DatabaseTenantStore store(String encryptionKey) {
        return DatabaseStoreFactory.create(TestConfig.with("tollgate.store.jdbc-url", h2Url()).and("tollgate.store.jdbc-user", "sa")
                .and("tollgate.store.encryption-key", encryptionKey).build(), TAXJAR);
    }

    @Test
    void aMalformedPreviousKeyIsNamedByItsPlaceInTheList() {
        String bad = newKey(31);
        Config config = TestConfig.with("tollgate.store.encryption-key", newKey(32))
                .and("tollgate.store.previous-keys", newKey(32) + ", " + bad + ",").build();

        List<String> problems = DatabaseStoreFactory.problems(config);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("tollgate.store.previous-keys (entry 2) is 31 bytes long"), problems.get(0));
        assertFalse(problems.get(0).contains(bad));
    }

    @Test
    void otherMistakesAreProblemsToo() {
        Config config = TestConfig.with("tollgate.store.encryption-key", newKey(32)).and("tollgate.store.jdbc-user", "sa")
                .and("tollgate.store.timeout", "10 seconds").build();

        List<String> problems = DatabaseStoreFactory.problems(config);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("tollgate.store.timeout is not an ISO-8601 duration"), problems.get(0));
        assertTrue(problems.get(1).contains("tollgate.store.jdbc-url, which is not set"), problems.get(1));
    }

    @Test
    void plainJavaUsesTheJdbcUrlAndReadsRowsOfThePreviousKeyAfterARotation() {
        String oldKey = newKey(32);
        DatabaseTenantStore before = DatabaseStoreFactory.create(TestConfig.with("tollgate.store.jdbc-url", h2Url())
                .and("tollgate.store.jdbc-user", "sa").and("tollgate.store.encryption-key", oldKey).build(), TAXJAR);
        String token = TenantStoreContract.newToken();
        before.save("taxjar", "acme", Map.of("api-token", token), Set.of("api-token"));

        DatabaseTenantStore after = DatabaseStoreFactory.create(TestConfig.with("tollgate.store.jdbc-url", h2Url())
                .and("tollgate.store.jdbc-user", "sa").and("tollgate.store.encryption-key", newKey(32))
                .and("tollgate.store.previous-keys", oldKey).build(), TAXJAR);

        assertEquals(token, after.load("taxjar", "acme").orElseThrow().values().get("api-token"));
        assertEquals(1, after.reencrypt());
    }

    /**
     * A jdbc-url may carry the database password as a parameter, and a one-letter typo in it
     * ("jdbc:postgres:") makes {@link java.sql.DriverManager} quote the whole URL in its exception.
     * The store's exception, and every cause it carries, names the URL without its parameters.
     */
    @Test
    void aTypoedJdbcUrlIsReportedWithoutThePasswordItCarries() {
        String password = ConfiguredSecrets.record("db-" + newKey(12));
        String url = "jdbc:postgres://127.0.0.1:5432/tollgate?user=shop&password=" + password;
        DatabaseTenantStore store = DatabaseStoreFactory.create(TestConfig.with("tollgate.store.jdbc-url", url)
                .and("tollgate.store.encryption-key", newKey(32)).build(), TAXJAR);

        TenantStoreException failed = assertThrows(TenantStoreException.class, () -> store.load("taxjar", "acme"));

        assertTrue(failed.getMessage().contains("jdbc:postgres://127.0.0.1:5432/tollgate"), failed.getMessage());
        for (Throwable t = failed; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(password), t.getMessage());
            assertFalse(t.toString().contains(password), t.toString());
        }
    }

    @Test
    void anApplicationsOwnDataSourceTakesOnlyTheKeysFromTheConfiguration() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url());
        String token = TenantStoreContract.newToken();
        DatabaseTenantStore store = DatabaseStoreFactory.create(TestConfig.with("tollgate.store.encryption-key", newKey(32)).build(), h2, TAXJAR);
        store.save("taxjar", "acme", Map.of("api-token", token), Set.of("api-token"));
        assertEquals(token, store.load("taxjar", "acme").orElseThrow().values().get("api-token"));

        TollgateConfigException noKey = assertThrows(TollgateConfigException.class,
                () -> DatabaseStoreFactory.create(TestConfig.with("tollgate.store.timeout", "PT5S").build(), h2, TAXJAR));
        assertTrue(noKey.getMessage().contains("tollgate.store.encryption-key is not set"), noKey.getMessage());
    }

    @Test
    void theDataSourceIsLookedUpOnTheFirstOperationsThreadAndKeptForOtherThreads() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url());
        LookupCounter.dataSource = h2;
        LookupCounter.lookups.set(0);
        LookupCounter.lookupThread = Thread.currentThread();
        String previous = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, LookupCounter.class.getName());
        try {
            DatabaseTenantStore store = DatabaseStoreFactory.create(TestConfig.with("tollgate.store.encryption-key", newKey(32))
                    .and("tollgate.store.datasource", "java:comp/env/jdbc/Shop").build(), TAXJAR);
            assertEquals(0, LookupCounter.lookups.get(), "building the store looks nothing up");

            store.open(TAXJAR);
            assertEquals(1, LookupCounter.lookups.get());
            assertEquals(List.of("java:comp/env/jdbc/Shop"), LookupCounter.names);

            // a background thread has no java:comp: the counter refuses lookups from any other thread
            CompletableFuture.runAsync(() -> store.save("taxjar", "acme", Map.of("region", "eu"), Set.of())).get(30, TimeUnit.SECONDS);
            assertEquals(1, LookupCounter.lookups.get(), "the data source was kept");
        } finally {
            restore(previous);
        }
    }

    @Test
    void withoutJndiTheFirstOperationNamesTheDataSourceItCouldNotFind() {
        String previous = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        try {
            DatabaseTenantStore store = DatabaseStoreFactory.create(TestConfig.with("tollgate.store.encryption-key", newKey(32)).build(), TAXJAR);

            TenantStoreException failed = assertThrows(TenantStoreException.class, () -> store.load("taxjar", "acme"));
            assertTrue(failed.getMessage().contains("java:comp/DefaultDataSource") && failed.getMessage().contains("tollgate.store.datasource"),
                    failed.getMessage());
        } finally {
            restore(previous);
        }
    }

    private static void restore(String factory) {
        if (factory == null) {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        } else {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, factory);
        }
    }

    /** A JNDI context that binds one data source, visible on one thread only, as java:comp is. */
    public static final class LookupCounter implements InitialContextFactory {
        static volatile DataSource dataSource;
        static volatile Thread lookupThread;
        static final AtomicInteger lookups = new AtomicInteger();
        static final List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
                if (method.getName().equals("lookup") && args.length == 1 && args[0] instanceof String name) {
                    if (Thread.currentThread() != lookupThread) {
                        throw new NamingException("no java:comp on this thread");
                    }
                    lookups.incrementAndGet();
                    names.add(name);
                    return dataSource;
                }
                if (method.getName().equals("close")) {
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
        }
    }
}
