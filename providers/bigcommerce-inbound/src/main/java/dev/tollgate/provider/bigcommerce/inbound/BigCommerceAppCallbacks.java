package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.spi.ConfiguredClients;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The app's callbacks as a JAX-RS resource, mounted by the application with one class:
 *
 * <pre>{@code
 * @Path("bigcommerce")
 * public class StoreApp extends BigCommerceAppCallbacks {
 *     public StoreApp() { super("bigcommerce"); }
 * }
 * }</pre>
 *
 * {@code GET auth}, {@code GET load}, {@code GET uninstall} and {@code GET remove_user} below the
 * class's path (register those URLs with BigCommerce; {@code auth-callback-url} is the first). Each
 * answers through a hook the application may override ({@link #installed}, {@link #loaded},
 * {@link #uninstalled}, {@link #userRemoved}); refusals answer 4xx/5xx with a short plain-text
 * reason and never reach a hook. Every answer says {@code Cache-Control: no-store}.
 *
 * <p>The resource methods are declared here, with their JAX-RS annotations, and not overridden: the
 * subclass adds only its {@code @Path} (an overriding method would need the annotations again).
 * When {@link BigCommerceAuthenticationMechanism} guards these paths for the same client, the
 * payload it verified for the request is used, not verified a second time (its {@code jti} would
 * be refused as a replay).
 */
public abstract class BigCommerceAppCallbacks {

    private static final Logger LOG = Logger.getLogger(BigCommerceAppCallbacks.class.getName());

    private final String client;
    private final ConfiguredClients engine;
    private final Clock clock;

    /** For the application's engine. */
    protected BigCommerceAppCallbacks(String client) {
        this(client, null, Clock.systemUTC());
    }

    /** With an engine and a clock of one's own (tests, plain Java). */
    protected BigCommerceAppCallbacks(String client, ConfiguredClients engine, Clock clock) {
        this.client = client;
        this.engine = engine;
        this.clock = clock;
    }

    /** The auth callback: exchanges the code and saves the store, then {@link #installed}. */
    @GET
    @Path("auth")
    @Produces(MediaType.TEXT_PLAIN)
    public Response auth(@QueryParam("code") String code, @QueryParam("scope") String scope,
                         @QueryParam("context") String context) {
        InstalledStore store;
        try {
            store = app().install(code, scope, context);
        } catch (InstallRefusedException e) {
            LOG.log(e.reason().status() >= 500 ? Level.WARNING : Level.INFO, e::getMessage);
            return refusal(e.reason().status(), refusalText(e.reason()));
        } catch (TollgateConfigException e) {
            LOG.severe(e::getMessage);
            return refusal(500, "The app is not configured to install stores; the server log says which key to set.");
        }
        return noStore(installed(store));
    }

    /** The load callback: the payload verified, its store installed, then {@link #loaded}. */
    @GET
    @Path("load")
    @Produces(MediaType.TEXT_PLAIN)
    public Response load(@QueryParam("signed_payload_jwt") String signedPayloadJwt, @Context HttpServletRequest request) {
        return verified(request, signedPayloadJwt, jwt -> app().load(jwt), p -> p, this::loaded);
    }

    /** The uninstall callback: the payload verified, the store's tenant removed, then {@link #uninstalled}. */
    @GET
    @Path("uninstall")
    @Produces(MediaType.TEXT_PLAIN)
    public Response uninstall(@QueryParam("signed_payload_jwt") String signedPayloadJwt, @Context HttpServletRequest request) {
        return verified(request, signedPayloadJwt, jwt -> app().uninstall(jwt), p -> app().uninstall(p), this::uninstalled);
    }

    /** The remove_user callback: the payload verified, its store installed, then {@link #userRemoved}. */
    @GET
    @Path("remove_user")
    @Produces(MediaType.TEXT_PLAIN)
    public Response removeUser(@QueryParam("signed_payload_jwt") String signedPayloadJwt,
                               @Context HttpServletRequest request) {
        return verified(request, signedPayloadJwt, jwt -> app().removeUser(jwt), p -> p, this::userRemoved);
    }

    /** After a store was installed (or re-installed): by default 200, a plain-text confirmation. */
    protected Response installed(InstalledStore store) {
        return text(200, "The app is " + (store.reinstalled() ? "re-installed" : "installed") + " in BigCommerce store "
                + store.storeHash() + ".");
    }

    /** After a verified load: by default 200, a plain-text line naming the store and user. */
    protected Response loaded(SignedPayload payload) {
        return text(200, "BigCommerce store " + payload.storeHash() + ", user " + payload.user().id()
                + (payload.user().email() == null ? "" : " (" + payload.user().email() + ")") + ".");
    }

    /** After the store's tenant was removed: by default 200. */
    protected Response uninstalled(SignedPayload payload) {
        return text(200, "The app is uninstalled from BigCommerce store " + payload.storeHash() + ".");
    }

    /** After a verified remove_user: by default 200. */
    protected Response userRemoved(SignedPayload payload) {
        return text(200, "User " + payload.user().id() + " is removed from BigCommerce store " + payload.storeHash() + ".");
    }

    /**
     * The payload the mechanism verified for this request and this client, passed through
     * {@code afterMechanism}; else the JWT verified by {@code verify}. Then the hook.
     */
    private Response verified(HttpServletRequest request, String jwt, Function<String, SignedPayload> verify,
                              Function<SignedPayload, SignedPayload> afterMechanism, Function<SignedPayload, Response> hook) {
        SignedPayload payload;
        try {
            Optional<SignedPayload> byMechanism = request == null ? Optional.empty()
                    : VerifiedPayload.of(request.getAttribute(BigCommerceAuthenticationMechanism.VERIFIED_ATTRIBUTE), client);
            payload = byMechanism.isPresent() ? afterMechanism.apply(byMechanism.get()) : verify.apply(jwt);
        } catch (JwtRejectedException e) {
            LOG.fine(e::getMessage);
            return refusal(401, "The signed payload was refused.");
        } catch (TenantStoreException e) {
            LOG.warning(e::getMessage);
            return refusal(503, "The app's store list cannot be read right now; try again.");
        } catch (TollgateConfigException e) {
            LOG.severe(e::getMessage);
            return refusal(500, "The app is not configured; the server log says which key to set.");
        }
        return noStore(hook.apply(payload));
    }

    private BigCommerceApp app() {
        return BigCommerceApp.forClient(engine != null ? engine : ConfiguredClients.current(), client, clock);
    }

    private static String refusalText(InstallRefusedException.Reason reason) {
        return switch (reason) {
            case MALFORMED_CALLBACK -> "The install request is malformed (no code, or no store in its context).";
            case CODE_REFUSED -> "BigCommerce refused the install code (used already, or expired); install the app again.";
            case ANSWER_UNUSABLE -> "BigCommerce's answer could not be used; install the app again.";
            case LOGIN_UNAVAILABLE -> "BigCommerce could not be reached to complete the install; try again.";
            case STORE_CONFIGURED -> "This store is set up by the administrator and cannot be installed here.";
            case STORE_UNAVAILABLE -> "The install could not be saved right now; try again.";
        };
    }

    private static Response refusal(int status, String reason) {
        return text(status, reason);
    }

    private static Response text(int status, String body) {
        return noStore(Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(body).build());
    }

    /** Answers with app data and about a merchant's store: never kept by a cache or a browser's history. */
    private static Response noStore(Response response) {
        return Response.fromResponse(response).header(HttpHeaders.CACHE_CONTROL, null)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
