package dev.tollgate.testkit.simulator.taxjar;

import dev.tollgate.testkit.http.RequestJournal;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TaxJar's SmartCalcs API v2 as providers/taxjar/PROTOCOL.md describes it, under
 * {@code /taxjar/{environment}/v2} where the environment is {@code sandbox} or {@code production}.
 * <ul>
 *   <li>The token arrives as {@code Authorization: Bearer <token>} or the older
 *       {@code Authorization: Token token="<token>"}.</li>
 *   <li>Missing, malformed or unknown token: 401; inactive account: 403; both with TaxJar's flat
 *       error body {@code {"error","detail","status"}}.</li>
 *   <li>{@code x-api-version} is optional; unknown values are ignored.</li>
 * </ul>
 */
@Path("/taxjar/{environment}/v2")
public class TaxJarSimulator {

    private static final Pattern BEARER = Pattern.compile("Bearer ([^\\s]+)");
    private static final Pattern LEGACY = Pattern.compile("Token token=\"([^\"]+)\"");
    private static final Jsonb JSON = JsonbBuilder.create();

    private final TaxJarAccounts accounts;
    private final RequestJournal journal;

    public TaxJarSimulator(TaxJarAccounts accounts, RequestJournal journal) {
        this.accounts = accounts;
        this.journal = journal;
    }

    /** The flat error body TaxJar sends. */
    public record ErrorBody(String error, String detail, int status) {
    }

    public record Category(String name, String product_tax_code, String description) {
    }

    @GET
    @Path("categories")
    public Response categories(@PathParam("environment") String environment,
                               @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(environment, "GET", headers, uri, () -> Map.of("categories", List.of(
                new Category("Clothing", "20010", "All human wearing apparel suitable for general use"),
                new Category("Software as a Service", "30070", "Pre-written software, delivered electronically, accessed remotely"))));
    }

    @GET
    @Path("rates/{zip}")
    public Response rates(@PathParam("environment") String environment, @PathParam("zip") String zip,
                          @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(environment, "GET", headers, uri, () -> Map.of("rate", Map.of(
                "zip", zip, "country", "US", "combined_rate", "0.0725")));
    }

    /**
     * Sales tax for an order, TaxJar's {@code POST /v2/taxes}: the token is checked before the
     * body is read, as TaxJar does; a body without a numeric {@code amount} is a 400. Taxed at the
     * same flat rate {@code rates} answers.
     */
    @POST
    @Path("taxes")
    @Consumes(MediaType.WILDCARD)
    public Response taxes(@PathParam("environment") String environment, String order,
                          @Context HttpHeaders headers, @Context UriInfo uri) {
        return authorized(environment, "POST", headers, uri, () -> taxFor(order));
    }

    private static Object taxFor(String order) {
        BigDecimal amount;
        BigDecimal shipping;
        try {
            Map<?, ?> fields = JSON.fromJson(order, Map.class);
            amount = new BigDecimal(String.valueOf(fields.get("amount")));
            shipping = fields.get("shipping") == null ? BigDecimal.ZERO : new BigDecimal(String.valueOf(fields.get("shipping")));
        } catch (RuntimeException e) {
            throw new BadOrder();
        }
        BigDecimal rate = new BigDecimal("0.0725");
        return Map.of("tax", Map.of("order_total_amount", amount.add(shipping), "shipping", shipping,
                "taxable_amount", amount, "amount_to_collect", amount.multiply(rate).setScale(2, RoundingMode.HALF_UP),
                "rate", rate, "has_nexus", true, "freight_taxable", false, "tax_source", "destination"));
    }

    /** An order TaxJar cannot read: its 400. */
    private static final class BadOrder extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private Response authorized(String environment, String method, HttpHeaders headers, UriInfo uri,
                                Supplier<Object> body) {
        String route = method + " /v2/" + uri.getPathSegments().stream().skip(3)
                .map(PathSegment::getPath).reduce((a, b) -> a + "/" + b).orElse("");
        Response response;
        if (!accounts.knowsEnvironment(environment)) {
            response = error(404, "Not Found", "No such route '" + route + "'");
        } else {
            Optional<TaxJarAccounts.Account> account = token(headers).flatMap(t -> accounts.find(environment, t));
            if (account.isEmpty()) {
                response = error(401, "Unauthorized", "Not authorized for route '" + route + "'");
            } else if (!account.get().active()) {
                response = error(403, "Forbidden", "Your API token is inactive or your subscription has expired");
            } else {
                try {
                    response = Response.ok(JSON.toJson(body.get()), MediaType.APPLICATION_JSON_TYPE).build();
                } catch (BadOrder e) {
                    response = error(400, "Bad Request", "No amount provided or amount is not a number");
                }
            }
        }
        journal.record(method, uri.getPath(), headers, response.getStatus());
        return response;
    }

    private static Optional<String> token(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        for (Pattern scheme : List.of(BEARER, LEGACY)) {
            Matcher m = scheme.matcher(authorization.trim());
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static Response error(int status, String error, String detail) {
        return Response.status(status)
                .entity(JSON.toJson(new ErrorBody(error, detail, status)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
