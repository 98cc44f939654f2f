package dev.tollgate.demo.it.browser;

import static dev.tollgate.demo.it.browser.Browsing.assertNoPieceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.DemoServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The demo page's BigCommerce app, in a real browser (headless Chromium) against the demo EAR in
 * WildFly: "Install the app on a new store" goes through the sandbox's control panel (playing
 * BigCommerce's) and the app's auth callback back to the page, which names the store, lists it with
 * its token masked, calls its catalog and shows its token in the cache; "Uninstall" goes through the
 * control panel too, whose uninstall callback removes the store: it is gone from the page, its next
 * call is refused and the sandbox receives nothing more for it. Neither the store's code nor its
 * token leaves a piece of itself on the page or in the server's log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AppInstallBrowserIT extends BrowserTest {

    private static final Pattern INSTALLED = Pattern.compile("^Installed the app on store ([A-Za-z0-9]+):");
    private static final String CONTROL_PANEL = "/sandbox/bigcommerce/control-panel/stores";

    /** Stores a test installed and did not uninstall: uninstalled after it, so that later tests see the demo's own calls only. */
    private final Set<String> installed = ConcurrentHashMap.newKeySet();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return DemoServer.ear();
    }

    @AfterEach
    void uninstallWhatTheTestInstalled() {
        for (String store : installed) {
            DemoServer.send(HttpRequest.newBuilder(DemoServer.url(CONTROL_PANEL + "/" + store + "/uninstall"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
        }
    }

    @Test
    void aStoreInstalledFromThePageIsListedCalledAndCachedThenUninstalledAndGone() throws IOException {
        openThePage();
        List<String> issuedBefore = issued();

        submitAndWait(browser.findElement(By.id("install")));
        WebElement flash = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("store-flash")));
        Browsing.screenshot(browser, "installed");
        assertEquals(DemoServer.url("/shop/").toString(), browser.getCurrentUrl(), "the browser is back on the page");
        assertEquals("ok", flash.getAttribute("class"), flash.getText());
        Matcher named = INSTALLED.matcher(flash.getText());
        assertTrue(named.find(), flash.getText());
        String store = named.group(1);
        installed.add(store);
        String tenant = "store-" + store;

        // the store's row: its hash, tenant and token, masked to its last four characters
        List<WebElement> cells = row(store).findElements(By.tagName("td"));
        assertEquals(List.of(store, tenant), List.of(cells.get(0).getText(), cells.get(1).getText()));
        String masked = cells.get(2).getText();
        String tail = masked.substring(Math.max(0, masked.length() - 4));
        // what the sandbox issued for this install: the store's code and its access token, the only one ending so
        List<String> issuedSoFar = issued();
        List<String> issuedNow = List.copyOf(issuedSoFar.subList(issuedBefore.size(), issuedSoFar.size()));
        List<String> tokens = issuedNow.stream().filter(t -> t.endsWith(tail) && t.length() > masked.length()).toList();
        assertEquals(1, tokens.size(), "the masked token " + masked + " is none or several of the " + issuedNow.size() + " issued");
        String token = tokens.get(0);

        // its catalog call, with the token the auth callback stored, and the token in the cache
        WebElement call = browser.findElement(By.xpath("//table[@id='calls']//tr[td[3]='" + tenant + "']"));
        assertEquals("OK", call.findElements(By.tagName("td")).get(3).getText(), call.getText());
        WebElement cached = browser.findElement(By.xpath("//table[@id='cache']//tr[td[2]='" + tenant + "']"));
        assertTrue(cached.findElements(By.tagName("td")).get(3).getText().endsWith(tail), cached.getText());
        int requestsForTheStore = storeRequests(store);
        assertTrue(requestsForTheStore >= 1, "the sandbox saw no catalog call for the store");
        for (String secret : issuedNow) {
            assertNoPieceOf(secret, browser.getPageSource(), "the page");
        }

        submitAndWait(row(store).findElement(By.cssSelector("button.uninstall")));
        Browsing.screenshot(browser, "uninstalled");
        flash = browser.findElement(By.id("store-flash"));
        assertEquals("ok", flash.getAttribute("class"), flash.getText());
        assertTrue(flash.getText().startsWith("Uninstalled the app from store " + store + ": tenant " + tenant
                + " and its token are deleted."), flash.getText());
        assertTrue(flash.getText().contains("A catalog call for it now: refused, ") && flash.getText().contains("Nothing was sent."),
                flash.getText());
        installed.remove(store);
        assertTrue(browser.findElements(By.xpath("//table[@id='stores']//tr[@data-store='" + store + "']")).isEmpty(), "still listed");
        assertTrue(browser.findElements(By.xpath("//table[@id='calls']//tr[td[3]='" + tenant + "']")).isEmpty(), "still called");
        assertTrue(browser.findElements(By.xpath("//table[@id='cache']//tr[td[2]='" + tenant + "']")).isEmpty(), "still cached");
        assertEquals(requestsForTheStore, storeRequests(store), "a request for the uninstalled store reached the sandbox");

        String log = Files.readString(Browsing.serverLog());
        for (String secret : issuedNow) {
            assertNoPieceOf(secret, log, "the server's log");
        }
    }

    @Test
    void anAppFormSentWithoutThePagesTokenInstallsAndUninstallsNothing() throws Exception {
        openThePage();
        int stores = browser.findElements(By.cssSelector("#stores tr[data-store]")).size();
        // another site's forms: the victim's browser would send the session cookie, but never the page's token
        HttpClient visitor = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(STEP).build();
        assertEquals(200, visitor.send(HttpRequest.newBuilder(DemoServer.url("/shop/")).timeout(STEP).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        for (String form : List.of("stores/install", "stores/uninstall")) {
            String body = "csrf=" + URLEncoder.encode("not-the-session-token", StandardCharsets.UTF_8) + "&store=abc123def";
            HttpResponse<String> answer = visitor.send(HttpRequest.newBuilder(DemoServer.url("/shop/" + form)).timeout(STEP)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, answer.statusCode(), form + ": " + answer.body());
        }
        openThePage();
        assertEquals(stores, browser.findElements(By.cssSelector("#stores tr[data-store]")).size(), "a forged form installed a store");
    }

    private static void openThePage() {
        browser.get(DemoServer.url("/shop/").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bigcommerce-app")));
    }

    private static void submitAndWait(WebElement button) {
        Browsing.submitAndWait(browser, wait, button);
    }

    private static WebElement row(String store) {
        return browser.findElement(By.xpath("//table[@id='stores']//tr[@data-store='" + store + "']"));
    }

    /** API requests the sandbox's BigCommerce received for the store, refused ones included. */
    private static int storeRequests(String store) {
        JsonObject stats = DemoServer.jsonObject("/sandbox/stats/bigcommerce/stores/" + store);
        return stats.getInt("requests");
    }

    /** The codes and tokens the sandbox issued so far in this run, in order (the it-wildfly pom names the file). */
    private static List<String> issued() throws IOException {
        String file = System.getProperty("tollgate.issued-tokens");
        assertTrue(file != null && Files.isRegularFile(Path.of(file)), "no file of issued tokens: " + file);
        return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
