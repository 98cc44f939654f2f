package dev.tollgate.demo.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.DemoServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the demo page shows an operator, in a real browser against the demo EAR in WildFly: a
 * token watched turning stale and renewed in the background while every call stays OK, and a
 * merchant whose TaxJar token was deactivated at TaxJar shown rejected, with the vendor's refusal,
 * in the readiness box and the cache, until the merchant is removed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoPageBrowserIT extends BrowserTest {

    /**
     * The billing client's tokens in this deployment: stale after half (Tollgate's refresh-before
     * is at most half the lifetime), so a page reloading every 5 s is served by a stale token at
     * least once before it expires.
     */
    private static final Duration BILLING_LIFETIME = Duration.ofSeconds(20);
    private static final String BILLING = "billing/-/access-token";
    private static final Pattern CALLS = Pattern.compile("Calls \\((\\d+) of (\\d+) succeeded\\)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> saved = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        // the sandbox reads the billing client's token lifetime from the application's MicroProfile Config
        JavaArchive lifetime = ShrinkWrap.create(JavaArchive.class, "demo-page-lifetime.jar")
                .addAsManifestResource(new StringAsset("sandbox.billing.token-lifetime=" + BILLING_LIFETIME + "\n"),
                        "microprofile-config.properties");
        return DemoServer.ear().addAsLibrary(lifetime);
    }

    @AfterEach
    void removeWhatTheTestSaved() {
        for (String merchant : saved) {
            openThePage("/shop/");
            if (!browser.findElements(merchantRow(merchant)).isEmpty()) {
                Browsing.submitAndWait(browser, wait, browser.findElement(merchantRow(merchant)).findElement(By.cssSelector("button.remove")));
            }
        }
    }

    @Test
    void aWatchedTokenTurnsStaleServesTheCallsAndIsRenewedInTheBackgroundWhileEveryCallStaysOk() {
        openThePage("/shop/");
        Browsing.submitAndWait(browser, wait, browser.findElement(By.id("start-watching")));
        assertFalse(browser.findElements(By.cssSelector("meta[http-equiv=refresh]")).isEmpty(), "the watched page does not reload");
        Instant firstRenewal = Instant.parse(cell(BILLING, "renewed"));

        // the page reloads itself; each look reads what one page showed (a page being replaced is looked at again)
        Set<String> states = new LinkedHashSet<>();
        Set<String> callCounts = new LinkedHashSet<>();
        String[] staleServed = new String[1];
        // a safety net: the token turns stale after 10 s and is renewed within 5 s more
        new WebDriverWait(browser, BILLING_LIFETIME.multipliedBy(4)).ignoring(WebDriverException.class).until((WebDriver b) -> {
            String calls = b.findElement(By.xpath("//h2[starts-with(., 'Calls (')]")).getText();
            String state = cell(BILLING, "state");
            Instant renewed = Instant.parse(cell(BILLING, "renewed"));
            callCounts.add(calls);
            states.add(state);
            if (state.startsWith("stale: served to this page's calls")
                    || state.startsWith("fresh: renewed in the background during this page's calls")) {
                staleServed[0] = state;
            }
            return staleServed[0] != null && renewed.isAfter(firstRenewal);
        });

        Browsing.screenshot(browser, "renewed-in-the-background");
        System.out.printf("DemoPageBrowserIT: the billing token's states seen while watching: %s%n", states);
        assertTrue(staleServed[0] != null, "never seen stale and serving the calls: " + states);
        for (String calls : callCounts) {
            Matcher counts = CALLS.matcher(calls);
            assertTrue(counts.matches() && counts.group(1).equals(counts.group(2)), "a page with a failed call: " + callCounts);
        }
        // the vendor's side: no billing request refused for its credential (no expired token was ever sent)
        JsonObject refused = DemoServer.jsonObject("/sandbox/stats/refused");
        assertFalse(refused.containsKey("oauth2"), "the sandbox's billing API refused credentials: " + refused);
        Browsing.submitAndWait(browser, wait, browser.findElement(By.id("stop-watching")));
        assertTrue(browser.findElements(By.cssSelector("meta[http-equiv=refresh]")).isEmpty(), "still reloading");
    }

    @Test
    void aMerchantWhoseTokenWasDeactivatedAtTaxJarIsRejectedInTheReadinessBoxAndTheCacheUntilRemoved() throws IOException {
        String demoWindow = browser.getWindowHandle();
        openThePage("/shop/");
        String signUpUrl = browser.findElement(By.id("sandbox-sign-up")).getAttribute("href");
        // the merchant keeps TaxJar's page open in a tab of its own, as at TaxJar
        browser.switchTo().newWindow(WindowType.TAB);
        String taxJarWindow = browser.getWindowHandle();
        browser.get(signUpUrl);
        browser.findElement(By.id("company")).sendKeys("Wonka Industries");
        Browsing.submitAndWait(browser, wait, browser.findElement(By.id("sign-up")));
        String token = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("api-token"))).getText();

        browser.switchTo().window(demoWindow);
        String merchant = "wonka-" + HexFormat.of().formatHex(random(3));
        saved.add(merchant);
        openThePage("/shop/");
        browser.findElement(By.id("api-token")).sendKeys(token);
        browser.findElement(By.id("merchant")).sendKeys(merchant);
        Browsing.submitAndWait(browser, wait, browser.findElement(By.id("save")));
        assertEquals("ok", wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash"))).getAttribute("class"));
        assertEquals("UP", browser.findElement(By.id("health-status")).getText(), browser.findElement(By.id("health")).getText());

        // at TaxJar: the merchant deactivates the token (regenerates it), which the platform still holds
        browser.switchTo().window(taxJarWindow);
        Browsing.submitAndWait(browser, wait, browser.findElement(By.id("deactivate")));
        assertTrue(browser.findElement(By.id("deactivated")).getText().contains("deactivated"));
        browser.close();
        browser.switchTo().window(demoWindow);

        openThePage("/shop/"); // lists the merchant and calls TaxJar for it: refused
        Browsing.screenshot(browser, "rejected-merchant");
        String key = "taxjar/" + merchant + "/api-token";
        assertTrue(browser.findElement(merchantRow(merchant)).getText().contains("failed"), browser.findElement(merchantRow(merchant)).getText());
        assertEquals("DOWN", browser.findElement(By.id("health-status")).getText());
        String problem = browser.findElement(By.cssSelector("#problems li[data-key='" + key + "']")).getText();
        assertTrue(problem.startsWith(key + " (taxjar): rejected: "), problem);
        assertTrue(problem.contains("401"), "the vendor's refusal is not told: " + problem);
        assertTrue(cell(key, "state").startsWith("rejected by the vendor"), cell(key, "state"));
        assertTrue(cell(key, "error").contains("401"), cell(key, "error"));
        // the configured merchants are not tainted
        assertTrue(browser.findElements(By.cssSelector("#problems li[data-key^='taxjar/acme/']")).isEmpty(), "acme is listed as a problem");
        Browsing.assertNoPieceOf(token, browser.getPageSource(), "the page");

        // removed, the merchant is no longer a problem: UP again
        Browsing.submitAndWait(browser, wait, browser.findElement(merchantRow(merchant)).findElement(By.cssSelector("button.remove")));
        saved.remove(merchant);
        openThePage("/shop/");
        assertEquals("UP", browser.findElement(By.id("health-status")).getText(), browser.findElement(By.id("health")).getText());
        Browsing.assertNoPieceOf(token, Files.readString(Browsing.serverLog()), "the server's log");
    }

    private static String cell(String key, String cssClass) {
        return browser.findElement(By.cssSelector("#cache tr[data-key='" + key + "'] td." + cssClass)).getText();
    }

    private static void openThePage(String path) {
        browser.get(DemoServer.url(path).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("health")));
    }

    private static By merchantRow(String merchant) {
        return By.xpath("//table[@id='merchants']//tr[@data-merchant='" + merchant + "']");
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return random;
    }
}
