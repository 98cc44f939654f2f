package dev.tollgate.demo.it.wars;

import dev.tollgate.api.TollgateException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** One call to the API as the client that signs its assertions, and what came of it. */
@Path("signed")
public class SignedResource {

    @Inject @RestClient SignedApi api;

    @GET
    public String call() {
        try {
            return "answer: " + api.resource();
        } catch (RuntimeException e) {
            return TollgateException.in(e).map(t -> "error: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("error without Tollgate's exception: " + e);
        }
    }
}
