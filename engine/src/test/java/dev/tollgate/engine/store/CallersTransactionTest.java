package dev.tollgate.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantStoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store called from inside the application's JTA transaction (a stateless bean's method, a
 * {@code @Transactional} one), against a data source that behaves as a server's JTA data source
 * does: a connection taken on a thread in a transaction is enlisted in it (no commit of its own:
 * the server's "you cannot commit during a managed transaction"), and its writes end with the
 * transaction. Each save and remove must be its own unit of work. Also: the data source is looked
 * up on the caller's thread (java:comp exists only there), and an interrupted caller stops waiting.
 */
class CallersTransactionTest {

    private static final String CLIENT = "taxjar";
    private static final Set<String> SECRET = Set.of("api-token");

    @TempDir
    Path directory;

    private JdbcDataSource h2;
    private final ServerLikeDataSource server = new ServerLikeDataSource();
    private DatabaseTenantStore store;

    @BeforeEach
    void openStore() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("tollgate") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        store = new DatabaseTenantStore(server::lookUp, new KeyRing(TenantStoreContract.newKey(), List.of()),
                TenantStoreContract.TIMEOUT_SECONDS);
    }

    @AfterEach
    void shutDown() throws SQLException {
        server.rollBackOnThisThread();
        try (Connection connection = h2.getConnection()) {
            connection.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void aSaveInsideTheCallersTransactionIsStoredWhenItReturnsAndStaysWhenThatTransactionRollsBack() throws SQLException {
        String token = TenantStoreContract.newToken();

        server.beginOnThisThread();
        long revision = store.save(CLIENT, "acme", Map.of("api-token", token), SECRET);
        server.rollBackOnThisThread();

        StoredTenant stored = store.load(CLIENT, "acme").orElseThrow(() -> new AssertionError("the saved tenant is gone"));
        assertEquals(token, stored.values().get("api-token"));
        assertEquals(revision, stored.revision());
    }

    @Test
    void aRemoveInsideTheCallersTransactionIsDoneWhenItReturnsAndStaysWhenThatTransactionRollsBack() throws SQLException {
        store.save(CLIENT, "acme", Map.of("api-token", TenantStoreContract.newToken()), SECRET);

        server.beginOnThisThread();
        assertTrue(store.remove(CLIENT, "acme"));
        server.rollBackOnThisThread();

        assertTrue(store.load(CLIENT, "acme").isEmpty(), "the removed tenant came back");
        assertEquals(Set.of(), store.tenants(CLIENT));
    }

    @Test
    void anInterruptedCallerStopsWaitingForAHungDatabaseAndKeepsItsInterrupt() throws Exception {
        store.open(TenantStoreContract.REF);
        CountDownLatch taking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.beforeEachConnection = () -> {
            taking.countDown();
            // a pool with no free connection; released at the end (a bounded safety net besides)
            release.await(30, TimeUnit.SECONDS);
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            server.application.set(Boolean.TRUE);
            try {
                store.save(CLIENT, "acme", Map.of("api-token", TenantStoreContract.newToken()), SECRET);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertTrue(taking.await(30, TimeUnit.SECONDS), "the save never asked for a connection");

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        release.countDown();

        assertFalse(caller.isAlive(), "the interrupted caller still waits");
        TenantStoreException failure = assertThrows(TenantStoreException.class, () -> {
            throw thrown.get();
        });
        assertTrue(failure.getMessage().contains("interrupted") && failure.getMessage().contains("may still complete"),
                failure.getMessage());
        assertTrue(stillInterrupted.get(), "the caller's interrupt was swallowed");
        // the save the caller gave up on goes on once released: let it end before the database is shut
        // down and its directory deleted, or it reopens the database file behind the clean-up
        awaitStored("acme");
    }

    private void awaitStored(String tenant) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a safety net, not a timing
        while (store.load(CLIENT, tenant).isEmpty()) {
            assertTrue(System.nanoTime() < giveUp, "the released save never completed");
            Thread.sleep(10);
        }
    }

    @Test
    void theDataSourceIsLookedUpOnTheCallersThread() {
        store.save(CLIENT, "acme", Map.of("api-token", TenantStoreContract.newToken()), SECRET);
        store.load(CLIENT, "acme");

        assertEquals(Set.of(Thread.currentThread().getName()), Set.copyOf(server.lookedUpOn));
    }

    /**
     * What a server's JTA data source does with the thread that takes a connection. The lookup
     * works on threads the test marked as the application's (as java:comp names exist only on
     * the application's threads).
     */
    private final class ServerLikeDataSource {

        private final ThreadLocal<List<Connection>> transaction = new ThreadLocal<>();
        private final ThreadLocal<Boolean> application = new ThreadLocal<>();
        final List<String> lookedUpOn = new ArrayList<>();
        volatile Interruptible beforeEachConnection = () -> { };

        ServerLikeDataSource() {
            application.set(Boolean.TRUE);
        }

        void beginOnThisThread() {
            application.set(Boolean.TRUE);
            transaction.set(new ArrayList<>());
        }

        void rollBackOnThisThread() throws SQLException {
            List<Connection> enlisted = transaction.get();
            transaction.remove();
            if (enlisted != null) {
                for (Connection connection : enlisted) {
                    connection.rollback();
                    connection.close();
                }
            }
        }

        synchronized DataSource lookUp() throws SQLException {
            if (!Boolean.TRUE.equals(application.get())) {
                throw new SQLException("java:comp is not bound on " + Thread.currentThread().getName());
            }
            lookedUpOn.add(Thread.currentThread().getName());
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, arguments) -> method.getName().equals("getConnection") ? connection()
                            : invoke(h2, method, arguments));
        }

        private Connection connection() throws Exception {
            beforeEachConnection.run();
            Connection physical = h2.getConnection();
            List<Connection> enlisted = transaction.get();
            if (enlisted == null) {
                return physical;
            }
            physical.setAutoCommit(false);
            enlisted.add(physical);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, arguments) -> switch (method.getName()) {
                        case "commit", "rollback" -> throw new SQLException("You cannot " + method.getName()
                                + " during a managed transaction");
                        case "setAutoCommit" -> {
                            if (!Boolean.FALSE.equals(arguments[0])) {
                                throw new SQLException("You cannot set autocommit during a managed transaction");
                            }
                            yield null;
                        }
                        case "getAutoCommit" -> false;
                        case "close" -> null; // the transaction's end closes it
                        default -> invoke(physical, method, arguments);
                    });
        }
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface Interruptible {
        void run() throws Exception;
    }
}
