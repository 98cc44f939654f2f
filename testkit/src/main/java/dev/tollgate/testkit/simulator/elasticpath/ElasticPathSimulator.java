package dev.tollgate.testkit.simulator.elasticpath;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.FormBody;
import dev.tollgate.testkit.simulator.TokenEndpointFaults;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elastic Path Commerce Cloud as providers/elasticpath/PROTOCOL.md describes it, under
 * {@code /elasticpath/{region}} ({@code useast}, {@code euwest}); a store lives in one region, so
 * its tokens are invalid in the other.
 * <ul>
 *   <li>{@code POST oauth/access_token} (form): {@code client_credentials} with client id and
 *       secret, or {@code implicit} with the client id only; a new 1-hour token every time,
 *       with {@code expires} in epoch seconds.</li>
 *   <li>{@code GET v2/products} takes either kind of token; {@code POST v2/products} needs
 *       client_credentials, refusing an implicit token with 403 whose status is the string
 *       {@code "403"} (the vendor sends both forms).</li>
 *   <li>{@code POST v2/customers/tokens}: a shopper's token, {@code expires} in epoch seconds,
 *       sent back as {@code X-Moltin-Customer-Token} to {@code GET v2/customers/{id}}.</li>
 *   <li>{@code POST v2/account-members/tokens}: 201 with one token per account of the member,
 *       {@code expires} an ISO-8601 string, sent back as
 *       {@code EP-Account-Management-Authentication-Token} to {@code GET v2/accounts/{id}}.</li>
 * </ul>
 * Errors are JSON:API ({@link JsonApiErrors}). Assumed, because the vendor does not publish them:
 * the titles and details other than "Unable to validate access token"; 400 for a malformed token
 * request or body; 422 for a wrong {@code data.type} or a login mechanism other than password
 * (oidc, passwordless and self_signup are not simulated); 401 for a missing or invalid shopper
 * token and 403 for one that belongs to another customer or account.
 */
@Path("/elasticpath/{region}")
public class ElasticPathSimulator {

    static final String CUSTOMER_TOKEN_HEADER = "X-Moltin-Customer-Token";
    static final String ACCOUNT_TOKEN_HEADER = "EP-Account-Management-Authentication-Token";
    private static final String ACCOUNT_TOKEN_TYPE = "account_management_authentication_token";

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer\\s+(\\S+)");
    private static final Jsonb JSON = JsonbBuilder.create();

    private final ElasticPathStores stores;
    private final ElasticPathTokens tokens;
    private final RequestJournal journal;
    private final TokenEndpointFaults faults = new TokenEndpointFaults();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    public ElasticPathSimulator(ElasticPathStores stores, Clock clock, RequestJournal journal) {
        this(stores, clock, journal, ElasticPathTokens.ACCESS_LIFETIME);
    }

    /**
     * An Elastic Path whose access tokens live {@code accessTokenLifetime} instead of an hour, for
     * tests that watch many renewals in a short run (customer and account tokens keep 24 hours).
     */
    public ElasticPathSimulator(ElasticPathStores stores, Clock clock, RequestJournal journal, Duration accessTokenLifetime) {
        this.stores = stores;
        this.tokens = new ElasticPathTokens(clock, accessTokenLifetime);
        this.journal = journal;
    }

    public record AccessTokenBody(long expires, String identifier, long expires_in, String access_token,
                                  String token_type) {
    }

    public record CustomerTokenBody(String type, String id, String customer_id, String token, long expires) {
    }

    public record AccountTokenBody(String type, String account_name, String account_id, String token,
                                   String expires) {
    }

    public record AccountTokensBody(List<AccountTokenBody> data, Map<String, Object> meta,
                                    Map<String, Object> links) {
    }

    public record Product(String type, String id, Map<?, ?> attributes) {
    }

    public record CustomerBody(String type, String id, String email) {
    }

    public record AccountBody(String type, String id, String name) {
    }

    /** Who is calling: a valid access token and the store it belongs to. */
    private record Caller(ElasticPathTokens.AccessToken token, ElasticPathStores.Store store) {
    }

    public TokenEndpointFaults faults() {
        return faults;
    }

    /** Requests that reached oauth/access_token, faulted or not. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Any token — access, customer or account management — stops working at once. */
    public void revoke(String token) {
        tokens.revoke(token);
    }

    @POST
    @Path("oauth/access_token")
    public Response accessToken(@PathParam("region") String region, String body,
                                @Context HttpHeaders headers, @Context UriInfo uri) {
        tokenRequests.incrementAndGet();
        Response response = faults.applyNext(JsonApiErrors::fault).orElseGet(() -> grant(region, body, headers));
        return recorded("POST", uri, headers, response);
    }

    @GET
    @Path("v2/products")
    public Response products(@PathParam("region") String region, @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(region, "GET", headers, uri, caller -> json(200, Map.of("data", List.of(
                new Product("product", "3b9c2a7e-1d4f-4c8a-9e6b-5a4d3c2b1a09", Map.of("name", "Road bike", "sku", "BIKE-ROAD-01")),
                new Product("product", "7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098", Map.of("name", "Bike helmet", "sku", "HELM-02"))))));
    }

    @POST
    @Path("v2/products")
    public Response createProduct(@PathParam("region") String region, String body,
                                  @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(region, "POST", headers, uri, caller -> {
            if (!caller.token().mayWrite()) {
                return JsonApiErrors.errorWithStringStatus(403, "Forbidden",
                        "An implicit token cannot create products; use a client_credentials token");
            }
            Optional<Map<?, ?>> data = data(body);
            if (data.isEmpty()) {
                return JsonApiErrors.error(400, "Bad Request", "The body must be JSON with a data object");
            }
            Map<?, ?> attributes = data.get().get("attributes") instanceof Map<?, ?> a ? a : Map.of();
            return json(201, Map.of("data", new Product("product", UUID.randomUUID().toString(), attributes)));
        });
    }

    @POST
    @Path("v2/customers/tokens")
    public Response customerToken(@PathParam("region") String region, String body,
                                  @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(region, "POST", headers, uri, caller -> {
            Optional<Map<?, ?>> data = data(body);
            Optional<Response> invalid = invalidLogin(data, "token");
            if (invalid.isPresent()) {
                return invalid.get();
            }
            String email = text(data.get(), "email");
            String password = text(data.get(), "password");
            return caller.store().customerByEmail(email == null ? "" : email)
                    .filter(c -> c.password().equals(password))
                    .map(c -> {
                        ElasticPathTokens.CustomerToken t = tokens.issueCustomer(caller.store().clientId(), c.id());
                        return json(200, Map.of("data", new CustomerTokenBody("token", t.id(), t.customerId(),
                                t.token(), t.expiresAt().getEpochSecond())));
                    })
                    .orElseGet(() -> JsonApiErrors.error(401, "Unauthorized", "Invalid email or password"));
        });
    }

    @GET
    @Path("v2/customers/{id}")
    public Response customer(@PathParam("region") String region, @PathParam("id") String id,
                             @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(region, "GET", headers, uri, caller -> {
            Optional<ElasticPathTokens.CustomerToken> shopper = tokens.validCustomer(caller.store().clientId(),
                    headers.getHeaderString(CUSTOMER_TOKEN_HEADER));
            if (shopper.isEmpty()) {
                return JsonApiErrors.error(401, "Unauthorized", "A valid " + CUSTOMER_TOKEN_HEADER + " is required");
            }
            if (!shopper.get().customerId().equals(id)) {
                return JsonApiErrors.error(403, "Forbidden", "The customer token belongs to another customer");
            }
            return caller.store().customerById(id)
                    .map(c -> json(200, Map.of("data", new CustomerBody("customer", c.id(), c.email()))))
                    .orElseGet(() -> JsonApiErrors.error(404, "Not Found", "No such customer"));
        });
    }

    @POST
    @Path("v2/account-members/tokens")
    public Response accountTokens(@PathParam("region") String region, String body,
                                  @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(region, "POST", headers, uri, caller -> {
            Optional<Map<?, ?>> data = data(body);
            Optional<Response> invalid = invalidLogin(data, ACCOUNT_TOKEN_TYPE);
            if (invalid.isPresent()) {
                return invalid.get();
            }
            String profile = text(data.get(), "password_profile_id");
            String username = text(data.get(), "username");
            String password = text(data.get(), "password");
            return caller.store().accountMember(profile == null ? "" : profile, username == null ? "" : username)
                    .filter(m -> m.password().equals(password))
                    .map(m -> json(201, new AccountTokensBody(m.accounts().stream().map(a -> {
                        ElasticPathTokens.AccountToken t = tokens.issueAccount(caller.store().clientId(), a.id());
                        return new AccountTokenBody(ACCOUNT_TOKEN_TYPE, a.name(), a.id(), t.token(), t.expiresAt().toString());
                    }).toList(), Map.of(), Map.of())))
                    .orElseGet(() -> JsonApiErrors.error(401, "Unauthorized", "Invalid username or password"));
        });
    }

    @GET
    @Path("v2/accounts/{id}")
    public Response account(@PathParam("region") String region, @PathParam("id") String id,
                            @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(region, "GET", headers, uri, caller -> {
            Optional<ElasticPathTokens.AccountToken> member = tokens.validAccount(caller.store().clientId(),
                    headers.getHeaderString(ACCOUNT_TOKEN_HEADER));
            if (member.isEmpty()) {
                return JsonApiErrors.error(401, "Unauthorized", "A valid " + ACCOUNT_TOKEN_HEADER + " is required");
            }
            if (!member.get().accountId().equals(id)) {
                return JsonApiErrors.error(403, "Forbidden", "The account management token is for another account");
            }
            return caller.store().account(id)
                    .map(a -> json(200, Map.of("data", new AccountBody("account", a.id(), a.name()))))
                    .orElseGet(() -> JsonApiErrors.error(404, "Not Found", "No such account"));
        });
    }

    private Response grant(String region, String body, HttpHeaders headers) {
        if (!stores.knowsRegion(region)) {
            return JsonApiErrors.error(404, "Not Found", "No such region");
        }
        if (!FormBody.isForm(headers)) {
            return JsonApiErrors.error(400, "Bad Request", "The body must be application/x-www-form-urlencoded");
        }
        Map<String, List<String>> form;
        try {
            form = FormBody.parse(body);
        } catch (IllegalArgumentException malformed) {
            return JsonApiErrors.error(400, "Bad Request", "The form is not properly encoded");
        }
        String grantType = first(form, "grant_type");
        String clientId = first(form, "client_id");
        if (grantType == null || clientId == null) {
            return JsonApiErrors.error(400, "Bad Request", "grant_type and client_id are required");
        }
        Optional<ElasticPathStores.Store> store = stores.find(region, clientId);
        boolean granted = store.isPresent() && switch (grantType) {
            case ElasticPathTokens.IMPLICIT -> true;
            case ElasticPathTokens.CLIENT_CREDENTIALS -> store.get().secret()
                    .filter(s -> s.equals(first(form, "client_secret"))).isPresent();
            default -> false;
        };
        if (!granted) {
            return JsonApiErrors.error(401, "Unauthorized", "Invalid client credentials or grant_type");
        }
        ElasticPathTokens.AccessToken t = tokens.issueAccess(region, clientId, grantType);
        return json(200, new AccessTokenBody(t.expiresAt().getEpochSecond(), grantType,
                tokens.accessLifetime().toSeconds(), t.token(), "Bearer"));
    }

    /** Runs the endpoint for a caller with a valid access token of this region; 401 otherwise. */
    private Response authorized(String region, String method, HttpHeaders headers, UriInfo uri,
                                Function<Caller, Response> endpoint) {
        Response response;
        if (!stores.knowsRegion(region)) {
            response = JsonApiErrors.error(404, "Not Found", "No such region");
        } else {
            response = bearer(headers)
                    .flatMap(token -> tokens.validAccess(region, token))
                    .flatMap(token -> stores.find(region, token.clientId()).map(store -> new Caller(token, store)))
                    .map(endpoint)
                    .orElseGet(JsonApiErrors::unableToValidate);
        }
        return recorded(method, uri, headers, response);
    }

    /** Why a login body is refused before its credentials are looked at, if it is. */
    private static Optional<Response> invalidLogin(Optional<Map<?, ?>> data, String expectedType) {
        if (data.isEmpty()) {
            return Optional.of(JsonApiErrors.error(400, "Bad Request", "The body must be JSON with a data object"));
        }
        if (!expectedType.equals(text(data.get(), "type"))) {
            return Optional.of(JsonApiErrors.error(422, "Failed Validation", "data.type must be " + expectedType));
        }
        if (!"password".equals(text(data.get(), "authentication_mechanism"))) {
            return Optional.of(JsonApiErrors.error(422, "Failed Validation",
                    "the simulator supports only authentication_mechanism password"));
        }
        return Optional.empty();
    }

    private Response recorded(String method, UriInfo uri, HttpHeaders headers, Response response) {
        journal.record(method, uri.getPath(), headers, response.getStatus());
        return response;
    }

    private static Optional<String> bearer(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = BEARER.matcher(authorization.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The {@code data} object of a JSON:API body, or empty when the body is not one. */
    private static Optional<Map<?, ?>> data(String body) {
        try {
            Map<?, ?> parsed = JSON.fromJson(body, Map.class);
            return parsed != null && parsed.get("data") instanceof Map<?, ?> d ? Optional.of(d) : Optional.empty();
        } catch (JsonbException | IllegalArgumentException | NullPointerException notJson) {
            return Optional.empty();
        }
    }

    private static String text(Map<?, ?> map, String key) {
        return map.get(key) instanceof String s ? s : null;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Response json(int status, Object body) {
        return Response.status(status).entity(JSON.toJson(body)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
