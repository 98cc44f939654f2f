package dev.tollgate.provider.bigcommerce;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.OriginPolicy;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which BigCommerce credential a request gets is decided by where it goes: the REST Storefront
 * API never gets one; the payments host gets a payment access token for the call's order; the
 * storefront's {@code /graphql} gets the storefront token; the management API gets X-Auth-Token.
 */
final class BigCommerceProtocol implements ClientProtocol {

    private final StableTokenSource stable = new StableTokenSource();
    private final List<CredentialSource> management = List.of(stable);
    private final List<CredentialSource> storefront = List.of(new StorefrontTokenSource(stable));

    @Override
    public List<URI> allowedOrigins(TenantSettings settings) {
        List<URI> origins = new ArrayList<>(List.of(settings.baseUrl(), StoreSettings.paymentsUrl(settings)));
        StoreSettings.storefrontUrl(settings).ifPresent(origins::add);
        return origins;
    }

    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        // normalised, so that /api/./storefront or /x/../api/storefront are seen for what they are
        String path = request.uri().normalize().getPath() == null ? "" : request.uri().normalize().getPath();
        if (path.startsWith("/api/storefront/") || path.equals("/api/storefront")) {
            return List.of(); // same-origin REST Storefront API: takes no token, gets none
        }
        TenantSettings settings = request.settings();
        if (OriginPolicy.sameOrigin(StoreSettings.paymentsUrl(settings), request.uri())) {
            return List.of(new PaymentTokenSource(stable, orderId(request)));
        }
        Optional<URI> storefrontUrl = StoreSettings.storefrontUrl(settings);
        if (storefrontUrl.isPresent() && OriginPolicy.sameOrigin(storefrontUrl.get(), request.uri())) {
            return path.endsWith("/graphql") ? storefront : List.of();
        }
        requireOwnStore(settings, path);
        return management;
    }

    /** A store's token goes only to that store's paths: {@code /stores/{its hash}/...}. */
    private static void requireOwnStore(TenantSettings settings, String path) {
        if (path.startsWith("/stores/")) {
            String rest = path.substring("/stores/".length());
            String hash = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (!hash.equals(StoreSettings.storeHash(settings))) {
                throw new UnsafeRequestException(settings.ref(), "the request is for another store than "
                        + settings.keyName(StoreSettings.STORE_HASH) + "; its token is not sent there. Nothing was sent.");
            }
        }
    }

    private static long orderId(OutgoingRequest request) {
        Object id = request.property(BigCommerceOrder.PROPERTY).orElseThrow(() -> new IllegalArgumentException(
                "a payments call needs the order: set the request property " + BigCommerceOrder.PROPERTY + " to the order id"));
        if (id instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        try {
            long parsed = Long.parseLong(id.toString().trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("the request property " + BigCommerceOrder.PROPERTY + " must be a positive order id");
    }

    @Override
    public Optional<String> errorDetail(int status, String body) {
        return BigCommerceProblem.explain(body);
    }

    @Override
    public String rejectionAdvice(TenantSettings settings) {
        return "Check " + settings.keyName(StoreSettings.ACCESS_TOKEN) + " and " + settings.keyName(StoreSettings.STORE_HASH)
                + ": the store's API account may have been deleted or lack the scope.";
    }

    @Override
    public void validate(TenantSettings settings) {
        StoreSettings.storeHash(settings);
        StoreSettings.accessToken(settings);
        StoreSettings.channelId(settings);
        StoreSettings.lifetime(settings);
        StoreSettings.allowedOrigins(settings);
        StoreSettings.revokeOnShutdown(settings);
        allowedOrigins(settings);
    }
}
