package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** TaxJar for merchants the application onboards while it runs (tenant-store=database, it.properties). */
@RegisterRestClient(configKey = "onboarded")
@Authenticated("onboarded")
public interface OnboardedTaxJarApi {

    @GET
    @Path("categories")
    String categories();
}
