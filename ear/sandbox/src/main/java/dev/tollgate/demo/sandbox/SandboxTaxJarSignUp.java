package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's stand-in for TaxJar's own app (app.taxjar.com), where a merchant signs up and
 * is given an API token under Account, API Access. Each sign-up issues a new random token that
 * the sandbox's TaxJar API then accepts, like TaxJar, which accepts only tokens it issued: a
 * token nobody signed up for stays a 401. The token is shown once, on the vendor's page, for
 * the merchant to paste into the platform that asks for it. Next to it, as in TaxJar's API Access
 * settings, the merchant can deactivate the token: the API refuses it from then on (401), as
 * TaxJar does once a token is regenerated or deleted, and a platform that stored it sees its calls
 * for that merchant rejected.
 */
@Path("/taxjar-app/sign_up")
public class SandboxTaxJarSignUp {

    /** A sandbox lives as long as its deployment: sign-ups beyond this are refused, not kept. */
    static final int MAX_SIGN_UPS = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TaxJarAccounts accounts;
    private final AtomicInteger signUps = new AtomicInteger();
    /** Only the tokens this page issued can be deactivated here, not the configured merchants' (the demo's own). */
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    SandboxTaxJarSignUp(TaxJarAccounts accounts) {
        this.accounts = accounts;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String form() {
        return page("<p>Sign up for a TaxJar sandbox account: you get an API token for the sandbox API at once.</p>"
                + "<form method=\"post\"><label>Company <input name=\"company\" id=\"company\" maxlength=\"100\" required></label> "
                + "<button type=\"submit\" id=\"sign-up\">Sign up</button></form>");
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response signUp(@FormParam("company") String company) {
        if (signUps.incrementAndGet() > MAX_SIGN_UPS) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(page("<p>This sandbox has issued all the accounts it keeps; redeploy it for more.</p>")).build();
        }
        // 32 hexadecimal characters, the form of TaxJar's API tokens
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        String merchant = company == null || company.isBlank() ? "sandbox merchant"
                : company.strip().substring(0, Math.min(company.strip().length(), 100));
        accounts.add(TaxJarAccounts.SANDBOX, token, merchant, true);
        issued.add(token);
        // the company is not shown back: this page has nothing to escape
        return Response.ok(page("<p>Your account is ready. Your sandbox API token (Account, API Access):</p>"
                + "<p><code id=\"api-token\">" + token + "</code></p>"
                + "<p>It works against the sandbox API only. Paste it where your platform asks for your TaxJar API token.</p>"
                + "<form method=\"post\" action=\"sign_up/deactivate\">" + "<input type=\"hidden\" name=\"api-token\" value=\""
                + token + "\"><button type=\"submit\" id=\"deactivate\">Deactivate this token</button> (the API refuses it from then on)</form>"))
                // shown once, to the merchant: no browser or proxy cache keeps it, no referrer carries the page on
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** The merchant deactivates a token this page issued: TaxJar's API answers it with 401 from now on. */
    @POST
    @Path("deactivate")
    @Produces(MediaType.TEXT_HTML)
    public Response deactivate(@FormParam("api-token") String token) {
        if (token == null || !issued.remove(token)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(page("<p>This sandbox issued no such API token, or it is deactivated already.</p>")).build();
        }
        accounts.revoke(token);
        return Response.ok(page("<p id=\"deactivated\">The API token is deactivated: TaxJar's API refuses it from now on."
                        + " Sign up again for a new one.</p>"))
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String page(String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TaxJar sandbox: sign up</title></head>"
                + "<body><h1>TaxJar sandbox</h1>" + body + "</body></html>";
    }
}
