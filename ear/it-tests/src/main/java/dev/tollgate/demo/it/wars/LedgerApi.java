package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A client configured with a secret the authorization server does not accept (it.properties). */
@RegisterRestClient(configKey = "ledger")
@Authenticated("ledger")
public interface LedgerApi {

    @GET
    @Path("api/resource")
    String resource();
}
