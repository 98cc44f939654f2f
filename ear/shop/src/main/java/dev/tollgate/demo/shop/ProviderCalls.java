package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.BigCommerceCatalogApi;
import dev.tollgate.demo.clients.BigCommerceStorefrontApi;
import dev.tollgate.demo.clients.BillingApi;
import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.demo.clients.ElasticPathApi;
import dev.tollgate.demo.clients.SilaApi;
import dev.tollgate.demo.clients.TaxJarApi;
import dev.tollgate.demo.clients.TaxizerApi;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.cdi.EngineBean;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One call to each configured vendor through the annotated interfaces, once per tenant (merchant,
 * store) the configuration lists, and once per store that installed the BigCommerce app: no
 * credential appears in this class; Tollgate attaches them.
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
    @Inject EngineBean tollgate;
    @Inject AppStores installedStores;

    public List<CallOutcome> callAll() {
        TollgateEngine engine = tollgate.engine();
        List<CallOutcome> outcomes = new ArrayList<>();
        for (String merchant : engine.tenants("taxjar")) {
            outcomes.add(CallOutcome.attempt("TaxJar", "taxjar", merchant, taxJar::categories));
        }
        // Sila signs and checks the app handle in every request body
        String appHandle = engine.settings("sila", "").get("app-handle").orElse("");
        outcomes.add(CallOutcome.attempt("Sila", "sila", "", () -> sila.checkHandle(silaHeader(appHandle, "user.silamoney.eth"))));
        outcomes.add(CallOutcome.attempt("Elastic Path", "elasticpath", "", elasticPath::products));
        outcomes.add(CallOutcome.attempt("Taxizer", "taxizer", "", taxizer::products));
        outcomes.add(CallOutcome.attempt("OAuth2 (billing)", "billing", "", billing::resource));
        for (String store : engine.tenants("bigcommerce")) {
            String storeHash = engine.settings("bigcommerce", store).get("store-hash").orElse("");
            outcomes.add(CallOutcome.attempt("BigCommerce", "bigcommerce", store, () -> bigCommerce.products(storeHash)));
        }
        // the stores that installed the app (tenants the app's auth callback saved) are called alike
        outcomes.addAll(installedStores.catalogCalls());
        for (String store : engine.tenants("bigcommerce")) {
            if (engine.settings("bigcommerce", store).get("storefront-url").isPresent()) {
                outcomes.add(CallOutcome.attempt("BigCommerce storefront", "bigcommerce", store,
                        () -> storefront.graphql("{\"query\":\"query { site { settings { storeName } } }\"}")));
            }
        }
        return outcomes;
    }

    /** The {@code header} object every Sila request carries. */
    private static String silaHeader(String appHandle, String userHandle) {
        return Json.createObjectBuilder().add("header", Json.createObjectBuilder()
                .add("created", Instant.now().getEpochSecond())
                .add("app_handle", appHandle)
                .add("user_handle", userHandle)
                .add("version", "0.2")
                .add("reference", UUID.randomUUID().toString())).build().toString();
    }
}
