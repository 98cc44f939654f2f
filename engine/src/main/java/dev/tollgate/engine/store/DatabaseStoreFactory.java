package dev.tollgate.engine.store;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the application's database tenant store from MicroProfile Config. Nothing here opens the
 * database: {@link #problems} runs at deployment, and the store reaches its data source on the
 * thread of its first operation.
 */
public final class DatabaseStoreFactory {

    public static final String DATASOURCE = "tollgate.store.datasource";
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";
    public static final String JDBC_URL = "tollgate.store.jdbc-url";
    public static final String JDBC_USER = "tollgate.store.jdbc-user";
    public static final String JDBC_PASSWORD = "tollgate.store.jdbc-password";
    public static final String ENCRYPTION_KEY = "tollgate.store.encryption-key";
    public static final String PREVIOUS_KEYS = "tollgate.store.previous-keys";
    public static final String TIMEOUT = "tollgate.store.timeout";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private DatabaseStoreFactory() {
    }

    /**
     * What is wrong with the store's configuration, one sentence each naming the key (never its
     * value); empty when a database store can be built. Does not reach the database.
     */
    public static List<String> problems(Config config) {
        List<String> problems = keyAndTimeoutProblems(config);
        if (value(config, JDBC_URL).isEmpty() && (value(config, JDBC_USER).isPresent() || value(config, JDBC_PASSWORD).isPresent())) {
            problems.add(JDBC_USER + " and " + JDBC_PASSWORD + " apply only with " + JDBC_URL + ", which is not set");
        }
        return problems;
    }

    /**
     * The store, not yet connected.
     *
     * @param where the client that asked for a database store, named in the exception
     * @throws TollgateConfigException naming the first key that is missing or malformed
     */
    public static DatabaseTenantStore create(Config config, ClientRef where) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new TollgateConfigException(where, "its tenant store is a database, but " + String.join("; ", problems) + ".");
        }
        int timeout = timeoutSeconds(config);
        Optional<String> url = value(config, JDBC_URL);
        DataSourceSupplier source;
        if (url.isPresent()) {
            DriverManagerDataSource direct = new DriverManagerDataSource(url.get(), value(config, JDBC_USER).orElse(null),
                    value(config, JDBC_PASSWORD).orElse(null), timeout);
            source = () -> direct;
        } else {
            source = new JndiDataSource(value(config, DATASOURCE).orElse(DEFAULT_DATASOURCE));
        }
        return new DatabaseTenantStore(source, keyRing(config), timeout);
    }

    /**
     * The store on a data source the application already has (its own connection pool, in plain
     * Java), with the keys from {@code config}; {@code tollgate.store.datasource} and the
     * {@code jdbc-*} keys do not apply.
     *
     * @throws TollgateConfigException naming the first key that is missing or malformed
     */
    public static DatabaseTenantStore create(Config config, DataSource dataSource, ClientRef where) {
        List<String> problems = keyAndTimeoutProblems(config);
        if (!problems.isEmpty()) {
            throw new TollgateConfigException(where, "its tenant store is a database, but " + String.join("; ", problems) + ".");
        }
        Objects.requireNonNull(dataSource, "dataSource");
        return new DatabaseTenantStore(() -> dataSource, keyRing(config), timeoutSeconds(config));
    }

    /** The problems of the keys every database store reads, whatever its data source. */
    private static List<String> keyAndTimeoutProblems(Config config) {
        List<String> problems = new ArrayList<>();
        try {
            keyRing(config);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            timeoutSeconds(config);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** @throws IllegalArgumentException naming the key that is missing or malformed */
    static KeyRing keyRing(Config config) {
        String current = value(config, ENCRYPTION_KEY).orElseThrow(() -> new IllegalArgumentException(ENCRYPTION_KEY
                + " is not set: set it to the base64 of 32 random bytes (for example the output of `openssl rand -base64 32`)"));
        StoreKey currentKey = key(current, ENCRYPTION_KEY);
        List<StoreKey> previous = new ArrayList<>();
        String[] entries = value(config, PREVIOUS_KEYS).orElse("").split(",");
        for (int i = 0; i < entries.length; i++) {
            if (!entries[i].isBlank()) {
                previous.add(key(entries[i], PREVIOUS_KEYS + " (entry " + (i + 1) + ")"));
            }
        }
        return new KeyRing(currentKey, previous);
    }

    private static StoreKey key(String base64, String name) {
        byte[] bytes;
        // a key wrapped over lines by a tool, or written in the URL-safe alphabet (- and _ instead
        // of + and /, as many vaults and secrets.token_urlsafe do), is the same key
        String text = base64.replaceAll("\\s", "");
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the offending character: not repeated
            throw new IllegalArgumentException(name + " is not base64 (standard or URL-safe): set it to the base64 of 32 random bytes");
        }
        try {
            return StoreKey.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage() + " once decoded: AES-256 needs a key of 32 bytes");
        }
    }

    static int timeoutSeconds(Config config) {
        Optional<String> text = value(config, TIMEOUT);
        if (text.isEmpty()) {
            return (int) DEFAULT_TIMEOUT.toSeconds();
        }
        try {
            Duration timeout = Duration.parse(text.get().strip());
            if (timeout.toSeconds() < 1 || timeout.toSeconds() > 3600) {
                throw new IllegalArgumentException(TIMEOUT + " is " + text.get().strip() + ": it must be between PT1S and PT1H");
            }
            return (int) timeout.toSeconds();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(TIMEOUT + " is not an ISO-8601 duration (such as PT10S)");
        }
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }
}
