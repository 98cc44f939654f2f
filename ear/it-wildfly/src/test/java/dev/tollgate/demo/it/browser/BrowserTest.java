package dev.tollgate.demo.it.browser;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser per test class, and a screenshot of how each test left the page
 * ({@code target/browser/<test method>.png}), taken before the class's own clean-up runs.
 */
@ExtendWith(BrowserTest.Screenshot.class)
abstract class BrowserTest {

    /** Each step waits for what it needs, at most this long (a save asks the sandbox's TaxJar). */
    static final Duration STEP = Duration.ofSeconds(30);

    /** The test classes run one after the other: each has the browser to itself while it runs. */
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void startTheBrowser() {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, STEP);
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    static final class Screenshot implements AfterTestExecutionCallback {
        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (browser != null) {
                Browsing.screenshot(browser, context.getRequiredTestMethod().getName());
            }
        }
    }
}
