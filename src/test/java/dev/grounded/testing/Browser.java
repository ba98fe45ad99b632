package dev.grounded.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium driven by Playwright. Missing Chromium skips the test with a notice, or fails it under
 * {@code CI=true}; Playwright is never allowed to download a browser of its own.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Path executable) {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    public static Browser launch() {
        Path executable = CANDIDATES.stream()
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (executable == null) {
            String notice = "Chromium is not installed: browser tests need it (run scripts/setup-browser.sh)";
            if ("true".equals(System.getenv("CI"))) {
                fail(notice);
            }
            System.err.println("SKIPPED: " + notice);
            assumeTrue(false, notice);
        }
        return new Browser(executable);
    }

    public com.microsoft.playwright.Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
