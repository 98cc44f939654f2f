package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * An OAuth2 API whose client authenticates with a JWT it signs with its private key
 * ({@code auth-method=private_key_jwt}; the key store made for the run, its password in the
 * server's secret store: it.properties and signing.properties).
 */
@RegisterRestClient(configKey = "signed")
@Authenticated("signed")
public interface SignedApi {

    @GET
    @Path("api/resource")
    String resource();
}
