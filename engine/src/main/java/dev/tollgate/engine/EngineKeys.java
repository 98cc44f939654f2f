package dev.tollgate.engine;

import dev.tollgate.spi.ClientProtocol;

/**
 * Reads every key the engine itself uses for one client or tenant, so that deployment fails on
 * a typo, with the key's name, instead of the first token fetch failing (or worse) on it.
 */
final class EngineKeys {

    private EngineKeys() {
    }

    static void validate(ConfiguredSettings settings, ClientProtocol protocol) {
        RetryPolicy.from(settings);
        TollgateHttp.connectTimeout(settings);
        TollgateHttp.readTimeout(settings);
        TokenFetcher.refreshBefore(settings, protocol);
        ClientTls.refuseTenantKeys(settings);
    }
}
