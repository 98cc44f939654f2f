package dev.tollgate.demo.backoffice;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The back office: calls the same vendor APIs as the shop ({@code /backoffice/api/calls}) and
 * receives BigCommerce's app callbacks ({@link StoreApp}) and Tax Provider calls ({@link TaxProviderCalls}),
 * both under {@code /backoffice/api/bigcommerce/}.
 */
@ApplicationPath("/api")
public class BackofficeApplication extends Application {
}
