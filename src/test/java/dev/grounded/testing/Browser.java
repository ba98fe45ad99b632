package dev.grounded.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium driven by Playwright. Missing Chromium skips the test with a notice, or fails it under
 * {@code CI=true}; Playwright is never allowed to download a browser of its own.
 */
public final class Browser implements AutoCloseable {

    /**
     * How long a page action or assertion may wait for what it expects: far more than an idle machine needs, so a busy
     * one slows a test down without failing it.
     */
    public static final int PATIENCE_MS = 120_000;

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    /** Where browser tests save their screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "e2e");

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

    /**
     * A new browser context of {@code width}×{@code height} signed in, on the Knowledge page (the console's start).
     * Service workers are blocked: the PWA's worker, installing while the login page loads, is not what the tests are
     * about. When the sign-in does not land there, the failure says where the browser ended up, with a screenshot.
     */
    public Page signedIn(int port, String user, String password, int width, int height) {
        Page page = browser.newContext(new NewContextOptions()
                        .setViewportSize(width, height)
                        .setServiceWorkers(ServiceWorkerPolicy.BLOCK))
                .newPage();
        page.setDefaultTimeout(PATIENCE_MS);
        page.navigate("http://localhost:" + port + "/");
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
        try {
            assertThat(page.locator("#documents")).isVisible();
        } catch (AssertionError e) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sign-in-failed.png")));
            throw new AssertionError("Not on the Knowledge page after signing in, but at " + page.url(), e);
        }
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
