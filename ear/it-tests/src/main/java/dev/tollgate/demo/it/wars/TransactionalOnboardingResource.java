package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.function.Supplier;

/**
 * Onboarding inside the caller's transaction: each request calls {@link MerchantOnboarding}, a
 * stateless bean, and answers what happened, Tollgate's exception named when there is one.
 */
@Path("merchants")
public class TransactionalOnboardingResource {

    @EJB
    private MerchantOnboarding onboarding;

    @POST
    @Path("{merchant}")
    public String save(@PathParam("merchant") String merchant, @FormParam("api-token") String token) {
        return outcome(() -> {
            onboarding.save(merchant, token);
            return "saved";
        });
    }

    /** Saves in the bean's transaction, which then rolls back. */
    @POST
    @Path("{merchant}/then-fail")
    public String saveThenFail(@PathParam("merchant") String merchant, @FormParam("api-token") String token) {
        return outcome(() -> {
            onboarding.saveThenFail(merchant, token);
            return "the bean did not fail";
        });
    }

    @DELETE
    @Path("{merchant}")
    public String remove(@PathParam("merchant") String merchant) {
        return outcome(() -> onboarding.remove(merchant) ? "removed" : "not stored");
    }

    /** Removes in the bean's transaction, which then rolls back. */
    @DELETE
    @Path("{merchant}/then-fail")
    public String removeThenFail(@PathParam("merchant") String merchant) {
        return outcome(() -> {
            onboarding.removeThenFail(merchant);
            return "the bean did not fail";
        });
    }

    /** The merchants stored, one a line, read outside any transaction. */
    @GET
    public String list() {
        return String.join("\n", Tollgate.tenants("onboarded").list());
    }

    private static String outcome(Supplier<String> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return TollgateException.in(e).map(t -> "refused: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("failed: " + rootCause(e));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
