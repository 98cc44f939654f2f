package dev.tollgate.engine.store;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.engine.store.SecretCipher.UnreadableValueException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The tenant store on a relational database (H2, PostgreSQL): {@code tollgate_tenant} holds one
 * row per tenant with its revision, {@code tollgate_tenant_value} one row per value, secret values
 * encrypted by {@link SecretCipher}. The schema is brought up to date on first use.
 */
public final class DatabaseTenantStore implements TenantStore {

    /**
     * A tenant and all its values in one statement (one snapshot): the tenant's primary key, then the
     * values' primary key prefix. The left join keeps a tenant saved with no value.
     */
    static final String LOAD = "SELECT t.revision, v.key_name, v.secret, v.key_id, v.nonce, v.stored_value, v.tag"
            + " FROM tollgate_tenant t LEFT JOIN tollgate_tenant_value v ON v.client = t.client AND v.tenant = t.tenant"
            + " WHERE t.client = ? AND t.tenant = ?";
    private static final String REVISION = "SELECT revision FROM tollgate_tenant WHERE client = ? AND tenant = ?";
    private static final String NEXT_REVISION = "UPDATE tollgate_revision SET last_revision = last_revision + 1 WHERE id = 1";
    private static final String LAST_REVISION = "SELECT last_revision FROM tollgate_revision WHERE id = 1";
    private static final String UPDATE_TENANT = "UPDATE tollgate_tenant SET revision = ? WHERE client = ? AND tenant = ?";
    private static final String INSERT_TENANT = "INSERT INTO tollgate_tenant (client, tenant, revision) VALUES (?, ?, ?)";
    private static final String DELETE_VALUES = "DELETE FROM tollgate_tenant_value WHERE client = ? AND tenant = ?";
    private static final String DELETE_TENANT = "DELETE FROM tollgate_tenant WHERE client = ? AND tenant = ?";
    private static final String INSERT_VALUE = "INSERT INTO tollgate_tenant_value"
            + " (client, tenant, key_name, secret, key_id, nonce, stored_value, tag) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TENANTS = "SELECT tenant FROM tollgate_tenant WHERE client = ?";
    private static final String VALUES_BY_KEY = "SELECT key_id, COUNT(*) FROM tollgate_tenant_value GROUP BY key_id";
    private static final String A_TENANT_UNDER_KEY = "SELECT client, tenant FROM tollgate_tenant_value WHERE key_id = ?"
            + " ORDER BY client, tenant FETCH FIRST 1 ROWS ONLY";
    private static final String NOT_UNDER_CURRENT_KEY = "SELECT client, tenant, key_name, secret, key_id, nonce, stored_value, tag"
            + " FROM tollgate_tenant_value WHERE key_id <> ?";
    private static final String REPROTECT = "UPDATE tollgate_tenant_value SET secret = ?, key_id = ?, nonce = ?, stored_value = ?, tag = ?"
            + " WHERE client = ? AND tenant = ? AND key_name = ? AND key_id = ? AND nonce = ?";

    private static final Logger LOG = Logger.getLogger(DatabaseTenantStore.class.getName());
    /** Unreadable values named in re-encryption's report at most. */
    private static final int MAX_NAMED_UNREADABLE = 10;
    /** Re-encrypted rows written per call of the store's threads. */
    private static final int REPROTECTED_PER_CALL = 100;

    private final DataSourceSupplier dataSource;
    private final SecretCipher cipher;
    private final String currentKeyId;
    private final int timeoutSeconds;
    private final SchemaMigrator migrator;
    private final StoreThreads threads;
    private volatile boolean migrated;

    /**
     * @param dataSource called on the thread of the first operation (a JNDI lookup needs an
     *        application thread), and on later ones until it returns a data source
     * @param timeoutSeconds the limit of each statement, so that a hung database fails the
     *        operation instead of holding its thread
     */
    DatabaseTenantStore(DataSourceSupplier dataSource, KeyRing keys, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.cipher = new SecretCipher(keys);
        this.currentKeyId = keys.current().id();
        this.timeoutSeconds = timeoutSeconds;
        this.migrator = new SchemaMigrator(timeoutSeconds);
        this.threads = new StoreThreads(waitLimit(timeoutSeconds));
    }

    /**
     * How long a caller waits for one operation: taking a connection, a few statements (each
     * limited to the timeout; a save may first wait for another save of the same row) and a commit.
     */
    static Duration waitLimit(int timeoutSeconds) {
        return Duration.ofSeconds(3L * timeoutSeconds);
    }

    /**
     * Reaches the database and brings its schema up to date now, on this thread, rather than at the
     * first operation.
     *
     * @throws TenantStoreException when the database cannot be reached or migrated
     */
    public void open(ClientRef where) {
        try {
            withConnection(connection -> null); // connect migrates
        } catch (SQLException e) {
            throw failure(where, "cannot be reached", e);
        }
    }

    @Override
    public Optional<StoredTenant> load(String client, String tenant) {
        ClientRef where = ref(client, tenant);
        Loaded loaded;
        try {
            loaded = withConnection(connection -> {
                long found = -1;
                List<StoredRow> rows = new ArrayList<>();
                try (PreparedStatement query = prepare(connection, LOAD)) {
                    query.setString(1, client);
                    query.setString(2, tenant);
                    try (ResultSet row = query.executeQuery()) {
                        while (row.next()) {
                            found = row.getLong(1);
                            String keyName = row.getString(2);
                            if (keyName != null) {
                                rows.add(new StoredRow(keyName, new ProtectedValue(row.getBoolean(3), row.getString(4),
                                        row.getString(5), row.getString(6), row.getString(7))));
                            }
                        }
                    }
                }
                return new Loaded(found, rows);
            });
        } catch (SQLException e) {
            throw failure(where, "cannot be read from the tenant store", e);
        }
        long revision = loaded.revision();
        List<StoredRow> rows = loaded.rows();
        if (revision < 0) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        Set<String> secretKeys = new HashSet<>();
        for (StoredRow row : rows) {
            values.put(row.keyName(), reveal(where, client, tenant, row));
            if (row.value().secret()) {
                secretKeys.add(row.keyName());
            }
        }
        return Optional.of(new StoredTenant(client, tenant, revision, values, secretKeys));
    }

    private String reveal(ClientRef where, String client, String tenant, StoredRow row) {
        try {
            return cipher.reveal(client, tenant, row.keyName(), row.value());
        } catch (UnreadableValueException e) {
            throw new TenantStoreException(where, "the stored value of '" + row.keyName() + "' cannot be read: " + e.getMessage()
                    + ". Save this tenant again, or configure the key it was protected with.", null);
        }
    }

    @Override
    public OptionalLong revision(String client, String tenant) {
        ClientRef where = ref(client, tenant);
        try {
            return withConnection(connection -> {
                try (PreparedStatement query = prepare(connection, REVISION)) {
                    query.setString(1, client);
                    query.setString(2, tenant);
                    try (ResultSet row = query.executeQuery()) {
                        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
                    }
                }
            });
        } catch (SQLException e) {
            throw failure(where, "cannot be read from the tenant store", e);
        }
    }

    @Override
    public long save(String client, String tenant, Map<String, String> values, Set<String> secretKeys) {
        ClientRef where = ref(client, tenant);
        // encrypted before the transaction starts: it holds the revision counter's row lock
        List<StoredRow> rows = new ArrayList<>();
        values.forEach((keyName, value) -> rows.add(
                new StoredRow(keyName, cipher.protect(client, tenant, keyName, value, secretKeys.contains(keyName)))));
        try {
            return withConnection(connection -> inTransaction(connection, () -> {
                // every save of every tenant takes the next number, so a tenant's revision never
                // repeats, and saves of the same tenant wait for each other: one wins entirely
                long revision = nextRevision(connection);
                if (update(connection, UPDATE_TENANT, revision, client, tenant) == 0) {
                    update(connection, INSERT_TENANT, client, tenant, revision);
                }
                update(connection, DELETE_VALUES, client, tenant);
                try (PreparedStatement insert = prepare(connection, INSERT_VALUE)) {
                    for (StoredRow row : rows) {
                        ProtectedValue stored = row.value();
                        bind(insert, client, tenant, row.keyName(), stored.secret(), stored.keyId(), stored.nonce(), stored.text(),
                                stored.tag());
                        insert.addBatch();
                    }
                    if (!rows.isEmpty()) {
                        insert.executeBatch();
                    }
                }
                return revision;
            }));
        } catch (SQLException e) {
            throw changeFailure(where, "cannot be saved in the tenant store", e);
        }
    }

    private long nextRevision(Connection connection) throws SQLException {
        if (update(connection, NEXT_REVISION) != 1) {
            throw new SQLException("tollgate_revision has no row: the schema was altered outside Tollgate");
        }
        try (PreparedStatement query = prepare(connection, LAST_REVISION); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public boolean remove(String client, String tenant) {
        ClientRef where = ref(client, tenant);
        try {
            // the tenant's row first, its values by the foreign key's cascade: the order a save locks
            // them in, so that a remove and a save of the same tenant never wait for each other
            return withConnection(connection -> update(connection, DELETE_TENANT, client, tenant) > 0);
        } catch (SQLException e) {
            throw changeFailure(where, "cannot be removed from the tenant store", e);
        }
    }

    @Override
    public SortedSet<String> tenants(String client) {
        ClientRef where = ClientRef.client(client);
        try {
            return withConnection(connection -> {
                SortedSet<String> names = new TreeSet<>();
                try (PreparedStatement query = prepare(connection, TENANTS)) {
                    query.setString(1, client);
                    try (ResultSet row = query.executeQuery()) {
                        while (row.next()) {
                            names.add(row.getString(1));
                        }
                    }
                }
                return names;
            });
        } catch (SQLException e) {
            throw failure(where, "the stored tenants cannot be listed", e);
        }
    }

    @Override
    public int reencrypt() {
        ClientRef where = ClientRef.client("*");
        try {
            List<PlacedRow> stale = withConnection(this::notUnderCurrentKey);
            int count = 0;
            List<String> unreadable = new ArrayList<>();
            int unreadableCount = 0;
            PlacedRow firstUnreadable = null;
            String whyUnreadable = null;
            List<Reprotected> renewed = new ArrayList<>();
            for (PlacedRow placed : stale) {
                StoredRow row = placed.row();
                String clear;
                try {
                    clear = cipher.reveal(placed.client(), placed.tenant(), row.keyName(), row.value());
                } catch (UnreadableValueException e) {
                    // left as it is and reported at the end: one bad row must not keep every other
                    // tenant under a key the administrator is about to retire
                    if (firstUnreadable == null) {
                        firstUnreadable = placed;
                        whyUnreadable = e.getMessage();
                    }
                    if (++unreadableCount <= MAX_NAMED_UNREADABLE) {
                        unreadable.add(placed.client() + "/" + placed.tenant() + " '" + row.keyName() + "'");
                    }
                    continue;
                }
                renewed.add(new Reprotected(placed,
                        cipher.protect(placed.client(), placed.tenant(), row.keyName(), clear, row.value().secret())));
                if (renewed.size() == REPROTECTED_PER_CALL) {
                    count += reprotect(renewed);
                    renewed.clear();
                }
            }
            count += reprotect(renewed);
            if (firstUnreadable != null) {
                throw new TenantStoreException(ref(firstUnreadable.client(), firstUnreadable.tenant()), count
                        + " values were re-encrypted, but " + unreadableCount + " could not be read and stay as they are ("
                        + String.join(", ", unreadable) + (unreadableCount > unreadable.size() ? ", ..." : "") + "); the first: "
                        + whyUnreadable + ". Save these tenants again, or configure the key they were protected with, then re-encrypt again.",
                        null);
            }
            return count;
        } catch (SQLException e) {
            throw failure(where, "the stored values cannot be re-encrypted", e);
        }
    }

    private List<PlacedRow> notUnderCurrentKey(Connection connection) throws SQLException {
        List<PlacedRow> stale = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, NOT_UNDER_CURRENT_KEY)) {
            query.setString(1, currentKeyId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    stale.add(new PlacedRow(row.getString(1), row.getString(2), new StoredRow(row.getString(3),
                            new ProtectedValue(row.getBoolean(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8)))));
                }
            }
        }
        return stale;
    }

    /** A few rows per call, so that each call's wait stays bounded however many rows there are. */
    private int reprotect(List<Reprotected> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        List<Reprotected> rows = List.copyOf(batch);
        return withConnection(connection -> {
            int count = 0;
            // only the row as it was read: a save in between wrote a newer value, under the current key
            try (PreparedStatement update = prepare(connection, REPROTECT)) {
                for (Reprotected reprotected : rows) {
                    PlacedRow placed = reprotected.placed();
                    StoredRow row = placed.row();
                    ProtectedValue renewed = reprotected.renewed();
                    bind(update, renewed.secret(), renewed.keyId(), renewed.nonce(), renewed.text(), renewed.tag(),
                            placed.client(), placed.tenant(), row.keyName(), row.value().keyId(), row.value().nonce());
                    count += update.executeUpdate();
                }
            }
            return count;
        });
    }

    /**
     * A startup check: stored values protected with a key that is neither the current key nor a
     * previous one (the key was changed without listing the old one), one sentence per such key,
     * naming how many values and one tenant they belong to. Reads every row's key id once.
     *
     * @throws TenantStoreException when the database cannot be reached
     */
    public List<String> keyProblems(ClientRef where) {
        try {
            return withConnection(this::keyProblems);
        } catch (SQLException e) {
            throw failure(where, "the tenant store cannot be checked", e);
        }
    }

    private List<String> keyProblems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (PreparedStatement query = prepare(connection, VALUES_BY_KEY); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                counts.put(row.getString(1), row.getLong(2));
            }
        }
        for (Map.Entry<String, Long> key : counts.entrySet()) {
            if (!cipher.knows(key.getKey())) {
                String example;
                try (PreparedStatement query = prepare(connection, A_TENANT_UNDER_KEY)) {
                    query.setString(1, key.getKey());
                    try (ResultSet row = query.executeQuery()) {
                        example = row.next() ? ref(row.getString(1), row.getString(2)).describe() : "?";
                    }
                }
                problems.add(key.getValue() + " stored values (for example of " + example + ") are protected with key id "
                        + key.getKey() + ", which is neither tollgate.store.encryption-key nor one of tollgate.store.previous-keys:"
                        + " those tenants cannot be used until that key is listed in tollgate.store.previous-keys");
            }
        }
        return problems;
    }

    /**
     * Runs {@code work} with a connection on one of the store's threads, outside any transaction of
     * the caller's thread (see {@link StoreThreads}). The data source is found here, on the
     * caller's thread: a JNDI lookup needs the application's thread.
     */
    private <T> T withConnection(ConnectionWork<T> work) throws SQLException {
        DataSource source = dataSource.get();
        return threads.call(() -> {
            try (Connection connection = connect(source)) {
                return work.run(connection);
            }
        });
    }

    private Connection connect(DataSource source) throws SQLException {
        Connection connection = source.getConnection();
        try {
            if (!migrated) {
                migrate(connection);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private synchronized void migrate(Connection connection) throws SQLException {
        if (!migrated) {
            int applied = migrator.migrate(connection);
            if (applied > 0) {
                LOG.info(() -> "Tollgate's tenant store: " + applied + " schema script(s) applied; schema version "
                        + SchemaMigrator.SCRIPTS.size());
            }
            migrated = true;
        }
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    private int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /** Runs {@code work} in one local transaction and gives the connection back as it came. */
    private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The driver's message says what went wrong (refused connection, timeout, missing table) and
     * holds no value: values are always bound as parameters, never written into SQL.
     */
    private static TenantStoreException changeFailure(ClientRef where, String what, SQLException e) {
        boolean unknown = e instanceof StoreThreads.UnfinishedException unfinished && unfinished.mayStillComplete();
        return failure(where, unknown ? what : what + "; nothing was changed", e);
    }

    private static TenantStoreException failure(ClientRef where, String what, SQLException e) {
        return new TenantStoreException(where, what + ": " + e.getMessage()
                + (e.getSQLState() != null ? " (SQL state " + e.getSQLState() + ")" : ""), e);
    }

    private static ClientRef ref(String client, String tenant) {
        return ClientRef.client(client).withTenant(tenant);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One row of tollgate_tenant_value. */
    private record StoredRow(String keyName, ProtectedValue value) {
    }

    private record PlacedRow(String client, String tenant, StoredRow row) {
    }

    /** A tenant's revision (-1: not stored) and its rows as read. */
    private record Loaded(long revision, List<StoredRow> rows) {
    }

    /** A stale row and its value protected anew under the current key. */
    private record Reprotected(PlacedRow placed, ProtectedValue renewed) {
    }
}
