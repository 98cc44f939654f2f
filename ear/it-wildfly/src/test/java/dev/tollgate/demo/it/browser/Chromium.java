package dev.tollgate.demo.it.browser;

import java.io.File;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver ({@code tools/ensure-chromium.sh}
 * installs both): both paths are given, so Selenium never looks for or downloads a browser or driver.
 */
final class Chromium {

    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {
    }

    static ChromeDriver start() {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            throw new IllegalStateException("no " + BROWSER + " or " + DRIVER + ": run tools/ensure-chromium.sh");
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER)
                // --no-sandbox: Chromium's sandbox cannot start as root, which CI runs as
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1600", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // a safety net only: each step waits for what it needs with WebDriverWait
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
