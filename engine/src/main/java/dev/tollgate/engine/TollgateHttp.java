package dev.tollgate.engine;

import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * JAX-RS clients for the calls Tollgate makes itself (token endpoints, token checks): timeouts
 * from {@code connect-timeout} and {@code read-timeout}, and automatic redirects off, so a
 * credential in such a call never follows a redirect to another host; and the client's own TLS
 * context ({@code tls-key-store}, {@code tls-trust-store}) when it has one.
 */
public final class TollgateHttp {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    private TollgateHttp() {
    }

    public static Client newClient(TenantSettings settings) {
        return newClient(settings, null);
    }

    /**
     * A client whose timeouts are also at most {@code cap} (null for none): the time left of a
     * token fetch. A read timeout bounds each read, not the answer, so the fetch's own deadline is
     * what ends an endpoint that trickles bytes; this only keeps the socket from outliving it much.
     */
    static Client newClient(TenantSettings settings, Duration cap) {
        Duration connect = atMost(connectTimeout(settings), cap);
        Duration read = atMost(readTimeout(settings), cap);
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(read.toMillis(), TimeUnit.MILLISECONDS);
        RedirectPolicy.disableFor(builder);
        if (settings instanceof ConfiguredSettings configured && configured.tls() != null) {
            builder.sslContext(configured.tls().context()); // the client's certificate and trusted servers
        }
        return builder.build();
    }

    /** {@code connect-timeout}: at least a millisecond (0 ms would mean no timeout at all in JAX-RS). */
    static Duration connectTimeout(TenantSettings settings) {
        return positive(settings, ConfigKeys.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    /** {@code read-timeout}: at least a millisecond, like the connect timeout. */
    static Duration readTimeout(TenantSettings settings) {
        return positive(settings, ConfigKeys.READ_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    private static Duration positive(TenantSettings settings, String key, Duration defaultValue) {
        Duration d = settings.duration(key, defaultValue);
        // JAX-RS clients take whole milliseconds, and read 0 as "wait for ever"
        if (d.toMillis() < 1 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw settings.invalid(key, "must be at least a millisecond (PT0.001S) and at most PT1H");
        }
        return d;
    }

    private static Duration atMost(Duration d, Duration cap) {
        if (cap == null || d.compareTo(cap) <= 0) {
            return d;
        }
        return cap.toMillis() < 1 ? Duration.ofMillis(1) : cap;
    }
}
