package dev.tollgate.demo.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sandbox's TaxJar accepts the tokens its sign-up issued, as TaxJar accepts only its own. */
class SandboxTaxJarSignUpTest {

    private static final Pattern TOKEN = Pattern.compile("<code id=\"api-token\">([^<]*)</code>");

    private final TaxJarAccounts accounts = TaxJarAccounts.standard();
    private final SandboxTaxJarSignUp signUp = new SandboxTaxJarSignUp(accounts);

    @Test
    void eachSignUpIssuesANewTokenThatTheSandboxesTaxJarThenKnows() {
        String first = tokenOf(signUp.signUp("Wonka Industries"));
        String second = tokenOf(signUp.signUp("Wonka Industries"));
        assertTrue(first.matches("[0-9a-f]{32}"), "not TaxJar's form");
        assertNotEquals(first, second);
        assertEquals("Wonka Industries", accounts.find(TaxJarAccounts.SANDBOX, first).orElseThrow().merchant());
        assertTrue(accounts.find(TaxJarAccounts.SANDBOX, second).orElseThrow().active());
        // a sandbox token is not a production one, as at TaxJar
        assertTrue(accounts.find(TaxJarAccounts.PRODUCTION, first).isEmpty());
    }

    @Test
    void thePageShowingTheTokenIsKeptByNoCache() {
        // the token is shown once, to the merchant: not to the next user of a shared browser or proxy
        Response page = signUp.signUp("Wonka Industries");
        tokenOf(page);
        assertEquals("no-store", page.getHeaderString("Cache-Control"));
        assertEquals("no-referrer", page.getHeaderString("Referrer-Policy"));
    }

    @Test
    void aSandboxKeepsABoundedNumberOfAccounts() {
        for (int i = 0; i < SandboxTaxJarSignUp.MAX_SIGN_UPS; i++) {
            assertEquals(200, signUp.signUp("merchant " + i).getStatus());
        }
        Response full = signUp.signUp("one too many");
        assertEquals(503, full.getStatus());
        assertTrue(!TOKEN.matcher((String) full.getEntity()).find(), "a token was issued past the bound");
    }

    @Test
    void aDeactivatedTokenIsNoLongerKnownAsAtTaxJarAfterARegeneration() {
        String token = tokenOf(signUp.signUp("Wonka Industries"));
        assertTrue(((String) signUp.signUp("Initech").getEntity()).contains("id=\"deactivate\""), "no way to deactivate the token");
        Response deactivated = signUp.deactivate(token);
        assertEquals(200, deactivated.getStatus());
        assertTrue(accounts.find(TaxJarAccounts.SANDBOX, token).isEmpty(), "the API still knows the token");
        assertEquals(404, signUp.deactivate(token).getStatus(), "deactivated twice");
    }

    @Test
    void onlyTokensTheSignUpIssuedCanBeDeactivated() {
        // the configured merchants' tokens are the demo's own; a visitor cannot take them away
        String configured = dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
        assertEquals(404, signUp.deactivate(configured).getStatus());
        assertEquals(404, signUp.deactivate(null).getStatus());
        assertTrue(accounts.find(TaxJarAccounts.SANDBOX, configured).isPresent());
    }

    private static String tokenOf(Response response) {
        assertEquals(200, response.getStatus());
        Matcher token = TOKEN.matcher((String) response.getEntity());
        assertTrue(token.find(), "no token on the page");
        return token.group(1);
    }
}
