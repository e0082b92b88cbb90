package io.kefu.server.pages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through chromedriver, for the pages' browser tests. Finds the browser at
 * {@code KEFU_CHROMIUM} or the usual Debian paths ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver};
 * {@code .ci/run} installs them). Without them the tests skip with a loud message, except under
 * {@code CI=true}, where a missing browser fails them. Runs on the test thread.
 */
final class Browser implements AutoCloseable {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** Skips the calling test (or fails it under CI=true) when there is no Chromium with its driver here. */
    static void assumeAvailable() {
        if (binary().isPresent() && driverBinary().isPresent()) {
            return;
        }
        String why = "no Chromium/chromedriver found (looked at KEFU_CHROMIUM, KEFU_CHROMEDRIVER, " + BROWSERS + ", "
                + DRIVERS + "); install them with: apt-get install -y chromium chromium-driver";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and " + why);
        }
        System.err.println("\n*** SKIPPING BROWSER TESTS: " + why + " ***\n");
        Assumptions.abort("browser tests skipped: " + why);
    }

    static Browser open() {
        assumeAvailable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary().orElseThrow().toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,860", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverBinary().orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    WebDriver driver() {
        return driver;
    }

    /** Runs an async script: the last argument is the callback that ends it. */
    Object async(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A PNG of the window into {@code file} (the docs' screenshots). */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<Path> binary() {
        return firstExisting(System.getenv("KEFU_CHROMIUM"), BROWSERS);
    }

    private static Optional<Path> driverBinary() {
        return firstExisting(System.getenv("KEFU_CHROMEDRIVER"), DRIVERS);
    }

    private static Optional<Path> firstExisting(String given, List<String> candidates) {
        return Stream.concat(Stream.ofNullable(given), candidates.stream()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
