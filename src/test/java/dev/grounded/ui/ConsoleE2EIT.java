package dev.grounded.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.grounded.testing.Browser;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant admin signs in, sees the demo knowledge ready, and asks the bot in the Playground. */
class ConsoleE2EIT extends BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "e2e");

    private Page page;

    @BeforeEach
    void openBrowser() throws InterruptedException {
        api().awaitDocumentsFinished("demo", 3);
        page = browser.browser()
                .newContext(new NewContextOptions().setViewportSize(1366, 800))
                .newPage();
        page.setDefaultTimeout(Browser.PATIENCE_MS);
    }

    /** The grid cell, not the hidden tooltips of the row's buttons that name the document too. */
    private Locator documentTitled(String title) {
        return page.locator("#documents").getByText(title, new Locator.GetByTextOptions().setExact(true));
    }

    @Test
    void signInSeeKnowledgeAndAskInThePlayground() {
        page.navigate("http://localhost:" + port + "/");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));

        page.locator("input[name=username]").fill("admin");
        page.locator("input[name=password]").fill("wrong-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
        assertThat(page.getByText("Incorrect username or password")).isVisible();

        page.locator("input[name=username]").fill("admin");
        page.locator("input[name=password]").fill(ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();

        assertThat(documentTitled("Lumen Fibre Service Guide")).isVisible();
        assertThat(documentTitled("Lumen Fibre Terms and Policies")).isVisible();
        assertThat(documentTitled("Lumen Fibre Price List 2026")).isVisible();
        assertThat(page.locator("#documents").getByText("Ready")).hasCount(3);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("knowledge.png")));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quick replies"))
                .click();
        assertThat(page.locator("#quick-replies").getByText("Opening hours")).isVisible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                .click();
        assertThat(page.locator("#playground-no-provider")).containsText("offer of a person");
        page.locator("#question input").fill("How do I restore the router to factory settings?");
        page.locator("#ask").click();

        assertThat(page.locator("#answer")).containsText("10 seconds");
        assertThat(page.locator("#sources")).containsText("Lumen Fibre Service Guide");
        assertThat(page.locator("#answer")).containsText("by extractive (degraded)");

        page.locator("#question input").fill("When are you open?");
        page.locator("#ask").click();
        assertThat(page.locator(".answer-text")).containsText("Monday to Friday from 8:00 to 22:00");
        // The conversation so far stays above the latest answer.
        assertThat(page.locator("#transcript .transcript-question")).containsText("factory settings");
        nothingCutOff(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("playground.png")));

        Page phone = browser.signedIn(port, "admin", ADMIN_PASSWORD, 390, 844);
        phone.navigate("http://localhost:" + port + "/playground");
        phone.locator("#question input").fill("When are you open?");
        phone.locator("#ask").click();
        assertThat(phone.locator(".answer-text")).containsText("Monday to Friday from 8:00 to 22:00");
        fitsThePhone(phone);
        nothingCutOff(phone);
        phone.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("playground-phone.png")));

        // Without a phone number a handoff is shown to the tester and kept out of the agents' queue.
        page.locator("#new-conversation").click();
        assertThat(page.locator("#transcript .transcript-exchange")).hasCount(0);
        page.locator("#question input").fill("I want to talk to a person");
        page.locator("#ask").click();
        assertThat(page.locator(".answer-meta")).containsText("handoff: customer_request");
        assertThat(page.locator(".answer-meta")).containsText("stays out of the Inbox");

        // As a Spanish-speaking customer with a phone number: the handoff decision and its reason show, and the
        // conversation waits in the inbox under that (masked) number.
        page.locator("#new-conversation").click();
        page.locator("#customer-language").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Spanish (es)"))
                .click();
        page.locator("#customer-phone input").fill("123");
        page.locator("#question input").fill("Quiero hablar con una persona, por favor");
        page.locator("#ask").click();
        assertThat(page.locator("#customer-phone")).hasAttribute("invalid", "");
        page.locator("#customer-phone input").fill("+34 600 111 222");
        page.locator("#ask").click();
        assertThat(page.locator(".answer-meta")).containsText("handoff: customer_request");
        assertThat(page.locator(".answer-meta")).containsText("language ES");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inbox"))
                .click();
        assertThat(page.locator("#inbox-list")).containsText("+34•••••1222");
        page.locator("#inbox-tab-all").click();
        assertThat(page.locator("#inbox-list")).containsText("+34•••••1222");
        assertThat(page.locator("#inbox-list")).not().containsText("I want to talk to a person");
    }
}
