package dev.tollgate.demo.it.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do alike: send a form and wait for the next page, keep screenshots, look for a secret's pieces. */
final class Browsing {

    /** A safety net for a page's load on a loaded machine, not a timing. */
    private static final Duration LOAD_WAIT = Duration.ofSeconds(60);

    private Browsing() {
    }

    /** Clicks a form's button and waits until the browser has left the page it was on (through any redirects). */
    static void submitAndWait(ChromeDriver browser, WebDriverWait wait, WebElement button) {
        WebElement before = browser.findElement(By.tagName("html"));
        button.click();
        wait.until((WebDriver b) -> isGone(before));
        // during a chain of redirects a script may land on a document being replaced: asked again, not failed
        new WebDriverWait(browser, LOAD_WAIT).ignoring(WebDriverException.class)
                .until((WebDriver b) -> "complete".equals(((JavascriptExecutor) b).executeScript("return document.readyState")));
    }

    /**
     * Whether the page's element is gone. ChromeDriver reports an element of a page being replaced
     * either as stale or, while the next document loads, as "Node with given id does not belong to
     * the document": both mean the old page is gone.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException replaced) {
            return String.valueOf(replaced.getMessage()).contains("does not belong to the document");
        }
    }

    /** Neither the secret nor any 12-character piece of it (a piece cut out of a message still gives most of it away). */
    static void assertNoPieceOf(String secret, String text, String where) {
        for (int i = 0; i + 12 <= secret.length(); i++) {
            assertFalse(text.contains(secret.substring(i, i + 12)), where + " shows part of a secret");
        }
    }

    static Path serverLog() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    }

    /** The page as the browser shows it now, kept in target/browser/. */
    static void screenshot(ChromeDriver browser, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "browser"));
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
