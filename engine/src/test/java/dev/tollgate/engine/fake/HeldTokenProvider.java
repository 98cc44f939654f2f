package dev.tollgate.engine.fake;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tenant's stored {@code api-token} sent as Bearer, obtained like a token (not static, so it is
 * cached as one), whose obtaining a test can hold: {@link #hold()} makes the next fetch wait until
 * {@link #release()}, so that the test can change the tenant while a fetch of its old values runs.
 */
public final class HeldTokenProvider implements AuthProvider {

    public static final String ID = "held-token";

    private static volatile CountDownLatch entered = new CountDownLatch(0);
    private static volatile CountDownLatch released = new CountDownLatch(0);

    /** The next fetch waits for {@link #release()}. */
    public static void hold() {
        entered = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Waits (bounded) until a held fetch has begun. */
    public static boolean awaitHeldFetch() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    public static void release() {
        released.countDown();
    }

    private static final CredentialSource TOKEN = new CredentialSource() {
        @Override
        public String name() {
            return "held token";
        }

        @Override
        public Credential obtain(TokenContext context) {
            Credential credential = Credential.permanent(context.settings().requireTenantSecret("api-token", "API token"));
            CountDownLatch held = released;
            entered.countDown();
            try {
                held.await(10, TimeUnit.SECONDS); // a safety net: the test releases it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return credential;
        }

        @Override
        public Map<String, String> headers(Credential credential) {
            return Map.of("Authorization", "Bearer " + credential.value().reveal());
        }

        @Override
        public void check(TenantSettings settings) {
            settings.requireTenantSecret("api-token", "API token");
        }
    };

    private static final ClientProtocol PROTOCOL = ClientProtocol.always(TOKEN)
            .tenantKeys(List.of(TenantKey.secret("api-token", "API token")));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return PROTOCOL;
    }
}
