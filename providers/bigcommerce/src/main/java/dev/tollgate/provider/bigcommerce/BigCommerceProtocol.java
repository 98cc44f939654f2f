package dev.tollgate.provider.bigcommerce;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.CredentialVerification;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.RequestPath;
import dev.tollgate.spi.TenantKey;
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

    private static final List<TenantKey> TENANT_KEYS = List.of(
            TenantKey.plain(StoreSettings.STORE_HASH, "BigCommerce store hash"),
            TenantKey.secret(StoreSettings.ACCESS_TOKEN, "BigCommerce API account access token"),
            TenantKey.plain(StoreSettings.STOREFRONT_URL, "the store's storefront URL"),
            TenantKey.plain(StoreSettings.CHANNEL_ID, "the store's storefront channel id"),
            TenantKey.plain(StoreSettings.ALLOWED_ORIGINS, "the store's storefront origins for CORS"));

    private final StableTokenSource stable = new StableTokenSource();
    private final List<CredentialSource> management = List.of(stable);
    private final List<CredentialSource> storefront = List.of(new StorefrontTokenSource(stable));

    @Override
    public List<URI> allowedOrigins(TenantSettings settings) {
        List<URI> origins = new ArrayList<>(List.of(settings.baseUrl(), StoreSettings.paymentsUrl(settings)));
        StoreSettings.storefrontUrl(settings).ifPresent(origins::add);
        return origins;
    }

    /**
     * Decides on the path as the vendor routes it ({@link dev.tollgate.spi.RequestPath}: decoded,
     * normalised, matrix parameters removed; literal segments in any case) and relative to the
     * configured URL the request goes to, so that a base URL with a path (an egress gateway)
     * moves the rules with it. When several configured URLs share an origin, the deepest one
     * that holds the request is the one it goes to.
     */
    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        TenantSettings settings = request.settings();
        URI api = settings.baseUrl();
        URI payments = StoreSettings.paymentsUrl(settings);
        Optional<URI> storefrontUrl = StoreSettings.storefrontUrl(settings);
        URI target = null;
        List<String> path = null;
        // on a tie (one origin for several URLs, all at its root) the narrower rules win: payments, then storefront
        for (URI candidate : storefrontUrl.isPresent() ? List.of(payments, storefrontUrl.get(), api) : List.of(payments, api)) {
            Optional<List<String>> under = request.pathUnder(candidate);
            if (under.isPresent() && (target == null || RequestPath.depth(candidate) > RequestPath.depth(target))) {
                target = candidate;
                path = under.get();
            }
        }
        if (target == null) {
            throw new UnsafeRequestException(settings.ref(), "the request is under none of the client's configured URLs ("
                    + settings.keyName("base-url") + ", " + settings.keyName(StoreSettings.PAYMENTS_URL) + ", "
                    + settings.keyName(StoreSettings.STOREFRONT_URL) + "); no credential is sent there. Nothing was sent.");
        }
        if (startsWith(path, "api", "storefront")) {
            return List.of(); // the REST Storefront API: takes no token, gets none
        }
        if (target == payments) {
            return List.of(new PaymentTokenSource(stable, orderId(request)));
        }
        if (target != api) {
            return !path.isEmpty() && path.get(path.size() - 1).equalsIgnoreCase("graphql") ? storefront : List.of();
        }
        requireOwnStore(settings, path);
        return management;
    }

    private static boolean startsWith(List<String> path, String... literal) {
        if (path.size() < literal.length) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (!path.get(i).equalsIgnoreCase(literal[i])) {
                return false;
            }
        }
        return true;
    }

    /** A store's token goes only to that store's paths: {@code stores/{its hash}/...}. */
    private static void requireOwnStore(TenantSettings settings, List<String> path) {
        if (!path.isEmpty() && path.get(0).equalsIgnoreCase("stores")
                && (path.size() < 2 || !path.get(1).equals(StoreSettings.storeHash(settings)))) {
            throw new UnsafeRequestException(settings.ref(), "the request is for another store than "
                    + settings.keyName(StoreSettings.STORE_HASH) + "; its token is not sent there. Nothing was sent.");
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

    /**
     * A store saved at run time (the app installed in it) brings its own: the hash and the API
     * account's token, and for storefront tokens its storefront, channel and CORS origins. The API
     * and payments hosts, token lifetime and revocation stay the client's, the same for every store.
     */
    @Override
    public List<TenantKey> tenantKeys() {
        return TENANT_KEYS;
    }

    /**
     * A read of the store's own information with its token proves both the token and the hash
     * (a token for another store is refused there).
     */
    @Override
    public CredentialVerification verification(TenantSettings settings) {
        return CredentialVerification.request("GET", "/stores/" + StoreSettings.storeHash(settings) + "/v2/store");
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
