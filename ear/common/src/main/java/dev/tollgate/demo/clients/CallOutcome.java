package dev.tollgate.demo.clients;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one call through an annotated client gave: the vendor's answer (shortened) or the error a
 * person should read. Tollgate's exceptions may arrive wrapped by the server's JAX-RS client
 * (RESTEasy wraps what a response filter throws), so the cause chain is searched.
 *
 * @param tenant "" for a client without tenants
 */
public record CallOutcome(String provider, String client, String tenant, boolean ok, String answer, String error) {

    private static final int SHOWN = 160;

    /** Runs {@code call} (in the tenant's scope when there is one) and records what happened. */
    public static CallOutcome attempt(String provider, String client, String tenant, Supplier<String> call) {
        try {
            String answer = tenant.isEmpty() ? call.get() : Tollgate.withTenant(tenant, call);
            return new CallOutcome(provider, client, tenant, true, shorten(answer), null);
        } catch (RuntimeException e) {
            return new CallOutcome(provider, client, tenant, false, null, describe(e));
        }
    }

    private static String describe(RuntimeException e) {
        Optional<TollgateException> tollgate = TollgateException.in(e);
        if (tollgate.isPresent()) {
            return tollgate.get().getClass().getSimpleName() + ": " + tollgate.get().getMessage();
        }
        if (e instanceof WebApplicationException web) {
            return "HTTP " + web.getResponse().getStatus() + " from the vendor";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String shorten(String answer) {
        String oneLine = answer == null ? "" : answer.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "…";
    }
}
