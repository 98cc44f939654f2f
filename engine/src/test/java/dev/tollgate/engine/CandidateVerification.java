package dev.tollgate.engine;

import java.util.Map;

/**
 * For providers' tests (it is in the engine's test jar): runs the engine's verification of a
 * tenant's candidate values, as saving the tenant in the tenant store does, without storing
 * anything. The verifier itself is the engine's own business and not public.
 */
public final class CandidateVerification {

    private CandidateVerification() {
    }

    /**
     * Verifies {@code values} as the own values of {@code tenant} of {@code client}, over the
     * client's configuration, with the engine's clock.
     *
     * @throws dev.tollgate.api.CredentialsRejectedException the vendor refused them
     * @throws dev.tollgate.api.CredentialsUnverifiedException the vendor could not confirm them
     */
    public static void verify(TollgateEngine engine, String client, String tenant, Map<String, String> values) {
        BoundClient bound = engine.bound(client);
        ConfiguredSettings candidate = bound.settings("").forStoredTenant(tenant, values, bound.provider().defaultBaseUrl());
        new CredentialVerifier(engine.cache().clock(), DaemonThreads.POOL).verify(bound, candidate);
    }

    private static final class DaemonThreads {
        static final java.util.concurrent.ExecutorService POOL = RefreshThreads.newExecutor();
    }
}
