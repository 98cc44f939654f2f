package dev.tollgate.demo.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.DemoServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo page's merchant onboarding, in a real browser (headless Chromium) against the demo EAR
 * in WildFly: what a merchant sees and does. The merchant gets a TaxJar API token from the
 * sandbox's sign-up (as from TaxJar's), pastes it into the page, and the page verifies it with
 * the sandbox, stores it and shows the merchant masked with a working call; a token TaxJar never
 * issued shows TaxJar's explanation and stores nothing; remove takes the merchant away.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OnboardingBrowserIT extends BrowserTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Merchants a test saved, removed after it whatever happened (the server's database outlives the EAR). */
    private final List<String> saved = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return DemoServer.ear();
    }

    @AfterEach
    void removeWhatTheTestSaved() {
        for (String merchant : saved) {
            openThePage();
            if (!browser.findElements(row(merchant)).isEmpty()) {
                submitAndWait(browser.findElement(row(merchant)).findElement(By.cssSelector("button.remove")));
            }
        }
    }

    @Test
    void aMerchantWithAGoodTokenIsListedMaskedWithAWorkingCallAndRemoveTakesItAway() throws IOException {
        openThePage();
        // TaxJar's guide: the first thing asked is the API token, with that name, never "API key"
        WebElement firstField = browser.findElements(By.cssSelector("input:not([type=hidden])")).get(0);
        assertEquals("api-token", firstField.getAttribute("id"));
        assertEquals("TaxJar API token", browser.findElement(By.cssSelector("label[for=api-token]")).getText());
        assertFalse(browser.findElement(By.tagName("body")).getText().toLowerCase(Locale.ROOT).contains("api key"));
        WebElement signUp = browser.findElement(By.id("taxjar-sign-up"));
        assertEquals("https://app.taxjar.com/sign_up", signUp.getAttribute("href"));
        assertEquals("_blank", signUp.getAttribute("target"));
        assertEquals("noopener noreferrer", signUp.getAttribute("rel"));

        String token = signUpAtTheSandbox(browser.findElement(By.id("sandbox-sign-up")).getAttribute("href"));
        String merchant = "wonka-" + HexFormat.of().formatHex(random(3));
        saved.add(merchant);
        openThePage();
        onboard(merchant, token);

        screenshot("onboarded");
        WebElement flash = browser.findElement(By.id("flash"));
        assertEquals("ok", flash.getAttribute("class"), flash.getText());
        assertTrue(flash.getText().contains("Its first call, GET categories: OK"), flash.getText());
        WebElement listed = browser.findElement(row(merchant));
        List<WebElement> cells = listed.findElements(By.tagName("td"));
        String masked = cells.get(1).getText();
        assertTrue(masked.endsWith(token.substring(token.length() - 4)) && masked.length() < token.length(), masked);
        assertTrue(cells.get(2).getText().startsWith("OK"), cells.get(2).getText());
        assertNoPieceOf(token, browser.getPageSource(), "the page");

        submitAndWait(listed.findElement(By.cssSelector("button.remove")));
        assertTrue(browser.findElement(By.id("flash")).getText().startsWith("Removed " + merchant), browser.findElement(By.id("flash")).getText());
        assertTrue(browser.findElements(row(merchant)).isEmpty(), "still listed after remove");
        saved.remove(merchant);

        assertNoPieceOf(token, Files.readString(serverLog()), "the server's log");
    }

    @Test
    void aTokenTaxJarNeverIssuedShowsTaxJarsExplanationAndStoresNothing() throws IOException {
        openThePage();
        String merchant = "initrode-" + HexFormat.of().formatHex(random(3));
        saved.add(merchant); // removed afterwards should the page have stored it after all
        String neverIssued = HexFormat.of().formatHex(random(16));
        onboard(merchant, neverIssued);

        screenshot("rejected");
        WebElement flash = browser.findElement(By.id("flash"));
        assertEquals("fail", flash.getAttribute("class"), flash.getText());
        assertTrue(flash.getText().contains("TaxJar refused this API token. Nothing was stored."), flash.getText());
        // the sandbox's TaxJar explains a token it does not know as TaxJar does, in its 401's "detail"
        assertTrue(flash.getText().contains("TaxJar says: Not authorized for route 'GET /v2/categories'"), flash.getText());
        assertTrue(browser.findElements(row(merchant)).isEmpty(), "a rejected merchant is listed");
        // the name is kept for another try; the token is not sent back
        assertEquals(merchant, browser.findElement(By.id("merchant")).getAttribute("value"));
        assertEquals("", browser.findElement(By.id("api-token")).getAttribute("value"));
        assertNoPieceOf(neverIssued, browser.getPageSource(), "the page");

        openThePage(); // and not after a reload either
        assertTrue(browser.findElements(row(merchant)).isEmpty(), "a rejected merchant is listed");
        assertNoPieceOf(neverIssued, Files.readString(serverLog()), "the server's log");
    }

    @Test
    void markupInAMerchantNameIsShownAsTextAndNeverRuns() {
        openThePage();
        String hostile = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
        onboard(hostile, HexFormat.of().formatHex(random(16)));

        WebElement flash = browser.findElement(By.id("flash"));
        assertEquals("fail", flash.getAttribute("class"), flash.getText());
        assertTrue(flash.getText().toLowerCase(Locale.ROOT).contains("name"), "no word on the name: " + flash.getText());
        assertEquals(hostile, browser.findElement(By.id("merchant")).getAttribute("value"));
        assertTrue(browser.findElements(By.tagName("script")).isEmpty(), "the page has a script element");
        assertTrue(browser.findElements(By.tagName("img")).isEmpty(), "the page has an img element");
        assertEquals("Tollgate demo", browser.getTitle());
    }

    @Test
    void aFormSentWithoutThePagesTokenChangesNothing() throws Exception {
        openThePage();
        String token = signUpAtTheSandbox(browser.findElement(By.id("sandbox-sign-up")).getAttribute("href"));
        String merchant = "forged-" + HexFormat.of().formatHex(random(3));
        saved.add(merchant);
        // another site's form: the victim's browser would send the session cookie, but never the page's token
        HttpClient visitor = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(STEP).build();
        assertEquals(200, visitor.send(HttpRequest.newBuilder(DemoServer.url("/shop/")).timeout(STEP).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        for (String formToken : List.of("", "not-the-session-token")) {
            String form = "csrf=" + encode(formToken) + "&api-token=" + encode(token) + "&merchant=" + encode(merchant);
            HttpResponse<String> answer = visitor.send(HttpRequest.newBuilder(DemoServer.url("/shop/merchants")).timeout(STEP)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, answer.statusCode(), answer.body());
        }
        openThePage();
        assertTrue(browser.findElements(row(merchant)).isEmpty(), "a forged form saved a merchant");
    }

    /** Signs up at the sandbox's TaxJar app, as a merchant does at TaxJar's, and reads the API token it shows. */
    private static String signUpAtTheSandbox(String signUpUrl) {
        browser.get(signUpUrl);
        browser.findElement(By.id("company")).sendKeys("Wonka Industries");
        submitAndWait(browser.findElement(By.id("sign-up")));
        String token = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("api-token"))).getText();
        assertTrue(token.matches("[0-9a-f]{32}"), "not a TaxJar-like token");
        return token;
    }

    private static void onboard(String merchant, String apiToken) {
        browser.findElement(By.id("api-token")).sendKeys(apiToken);
        WebElement name = browser.findElement(By.id("merchant"));
        name.clear();
        name.sendKeys(merchant);
        submitAndWait(browser.findElement(By.id("save")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
    }

    private static void openThePage() {
        browser.get(DemoServer.url("/shop/").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("onboarding")));
    }

    private static void submitAndWait(WebElement button) {
        Browsing.submitAndWait(browser, wait, button);
    }

    private static By row(String merchant) {
        return By.xpath("//table[@id='merchants']//tr[@data-merchant=" + xpathLiteral(merchant) + "]");
    }

    private static void assertNoPieceOf(String token, String text, String where) {
        Browsing.assertNoPieceOf(token, text, where);
    }

    private static Path serverLog() {
        return Browsing.serverLog();
    }

    private static void screenshot(String name) {
        Browsing.screenshot(browser, name);
    }

    private static String xpathLiteral(String text) {
        if (text.contains("'")) {
            throw new IllegalArgumentException("the names the tests look up hold no quote");
        }
        return "'" + text + "'";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return random;
    }
}
