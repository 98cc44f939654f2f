package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.BigCommerceCatalogApi;
import dev.tollgate.demo.clients.BigCommerceStorefrontApi;
import dev.tollgate.demo.clients.BillingApi;
import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.demo.clients.ElasticPathApi;
import dev.tollgate.demo.clients.SilaApi;
import dev.tollgate.demo.clients.TaxJarApi;
import dev.tollgate.demo.clients.TaxizerApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One call to each configured vendor through the annotated interfaces: no credential appears in
 * this class; Tollgate attaches them. Tenants are the merchants and stores of the demo
 * configuration.
 */
@RequestScoped
public class ProviderCalls {

    @Inject @RestClient TaxJarApi taxJar;
    @Inject @RestClient SilaApi sila;
    @Inject @RestClient ElasticPathApi elasticPath;
    @Inject @RestClient TaxizerApi taxizer;
    @Inject @RestClient BillingApi billing;
    @Inject @RestClient BigCommerceCatalogApi bigCommerce;
    @Inject @RestClient BigCommerceStorefrontApi storefront;

    /** Sila's app handle: part of each request body Sila signs and checks. */
    @Inject @ConfigProperty(name = "tollgate.sila.app-handle") String silaAppHandle;
    /** Each BigCommerce store's hash: part of the API path. */
    @Inject @ConfigProperty(name = "tollgate.bigcommerce.tenants.store-a.store-hash") String storeAHash;
    @Inject @ConfigProperty(name = "tollgate.bigcommerce.tenants.store-b.store-hash") String storeBHash;

    public List<CallOutcome> callAll() {
        return List.of(
                CallOutcome.attempt("TaxJar", "taxjar", "acme", taxJar::categories),
                CallOutcome.attempt("TaxJar", "taxjar", "globex", taxJar::categories),
                CallOutcome.attempt("Sila", "sila", "", () -> sila.checkHandle(silaHeader("user.silamoney.eth"))),
                CallOutcome.attempt("Elastic Path", "elasticpath", "", elasticPath::products),
                CallOutcome.attempt("Taxizer", "taxizer", "", taxizer::products),
                CallOutcome.attempt("OAuth2 (billing)", "billing", "", billing::resource),
                CallOutcome.attempt("BigCommerce", "bigcommerce", "store-a", () -> bigCommerce.products(storeAHash)),
                CallOutcome.attempt("BigCommerce", "bigcommerce", "store-b", () -> bigCommerce.products(storeBHash)),
                CallOutcome.attempt("BigCommerce storefront", "bigcommerce", "store-a",
                        () -> storefront.graphql("{\"query\":\"query { site { settings { storeName } } }\"}")));
    }

    /** The {@code header} object every Sila request carries. */
    private String silaHeader(String userHandle) {
        return Json.createObjectBuilder().add("header", Json.createObjectBuilder()
                .add("created", Instant.now().getEpochSecond())
                .add("app_handle", silaAppHandle)
                .add("user_handle", userHandle)
                .add("version", "0.2")
                .add("reference", UUID.randomUUID().toString())).build().toString();
    }
}
