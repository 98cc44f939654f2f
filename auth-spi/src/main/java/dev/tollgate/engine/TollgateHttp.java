package dev.tollgate.engine;

import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * JAX-RS clients for the calls Tollgate makes itself (token endpoints, token checks): timeouts
 * from {@code connect-timeout} and {@code read-timeout}, and automatic redirects off, so a
 * credential in such a call never follows a redirect to another host.
 */
public final class TollgateHttp {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    private TollgateHttp() {
    }

    public static Client newClient(TenantSettings settings) {
        Duration connect = settings.duration(ConfigKeys.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
        Duration read = settings.duration(ConfigKeys.READ_TIMEOUT, DEFAULT_READ_TIMEOUT);
        ClientBuilder builder = ClientBuilder.newBuilder()
                .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(read.toMillis(), TimeUnit.MILLISECONDS);
        RedirectPolicy.disableFor(builder);
        return builder.build();
    }
}
