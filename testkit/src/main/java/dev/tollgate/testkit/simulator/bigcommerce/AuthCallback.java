package dev.tollgate.testkit.simulator.bigcommerce;

import java.net.URI;

/**
 * What BigCommerce puts on the app's auth callback URL when a merchant installs the app: the
 * single-use {@code code}, the granted {@code scope}, {@code context} ({@code stores/{hash}}) and the
 * developer's {@code account_uuid}.
 */
public record AuthCallback(String code, String scope, String context, String accountUuid) {

    /** The URL the merchant's browser is sent to: {@code authCallbackUrl?code=..&scope=..&context=..&account_uuid=..}. */
    public URI at(URI authCallbackUrl) {
        throw new UnsupportedOperationException("contract: implemented by the simulator's branch");
    }
}
