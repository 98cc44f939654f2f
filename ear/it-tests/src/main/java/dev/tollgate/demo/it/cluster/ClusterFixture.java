package dev.tollgate.demo.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

/**
 * The cluster tests' configuration, {@code cluster.properties} (applied to both nodes by the
 * server module's script run, read here for the same values): one Tollgate client per case, each
 * with its own OAuth2 client registration at the tests' vendor, so that each case counts its own
 * token requests.
 */
final class ClusterFixture {

    static final String RESOURCE = "cluster.properties";
    /** Where the tests' vendor listens; cluster.properties points every client there. */
    static final int VENDOR_PORT = 8391;

    private static final Properties PROPERTIES = load();

    private ClusterFixture() {
    }

    static String clientId(String client) {
        return required("tollgate." + client + ".client-id");
    }

    static String clientSecret(String client) {
        return required("tollgate." + client + ".client-secret");
    }

    /** How long the cluster waits for a node that took the fetch marker: {@code tollgate.cache.fetch-lease}. */
    static Duration fetchLease() {
        return Duration.parse(required("tollgate.cache.fetch-lease"));
    }

    static Duration refreshBefore(String client) {
        return Duration.parse(required("tollgate." + client + ".refresh-before"));
    }

    private static String required(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ClusterFixture.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
