package dev.grounded.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * QA in the browser: upload a dataset (a broken one refused with its reason), read its cases, run it twice with the
 * progress shown, read a run's metrics chart and per-case table, and compare the two runs.
 */
class EvaluationsE2EIT extends BrowserTest {

    private static final TenantId TENANT = TenantId.of("eval-e2e");
    private static final String USER = "eval-qa";
    private static final String PASSWORD = "eval-qa-password";

    @Autowired
    private TenantService tenants;

    @Autowired
    private UserAccountService users;

    @Autowired
    private QuickReplyService quickReplies;

    @BeforeEach
    void tenantWithQa() {
        if (tenants.create(TENANT, "Evaluations E2E", false).isPresent()) {
            users.create(USER, PASSWORD, TENANT, Role.QA);
            quickReplies.create(
                    TENANT,
                    new QuickReplyDraft(
                            "Parking", "There is free parking behind the clinic.", "en", List.of("parking")));
        }
    }

    @Test
    void uploadADatasetRunItTwiceReadTheMetricsAndCompare() {
        Page page = browser.signedIn(port, USER, PASSWORD, 1366, 800);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Evaluations"))
                .click();
        assertThat(page.locator("#datasets")).containsText("No datasets yet");

        page.locator("#dataset-upload input[type=file]")
                .setInputFiles(new FilePayload(
                        "broken.csv", "text/csv", "question\nWhere?\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(page.getByText(Pattern.compile("broken\\.csv: .*id"))).isVisible();

        String csv = "id,question,expect,expected_sources,tags\n"
                // No chat provider here: the quick reply is given as it is only when it holds the question's words.
                + "parking,Is there parking at the clinic?,answer,Parking,logistics\n"
                + "mongolia,What is the capital of Mongolia?,refuse,,off-topic\n";
        page.locator("#dataset-upload input[type=file]")
                .setInputFiles(new FilePayload("smoke.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        Locator datasets = page.locator("#datasets");
        assertThat(datasets).containsText("smoke");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cases of smoke"))
                .click();
        assertThat(page.locator("#dataset-cases")).containsText("What is the capital of Mongolia?");
        page.locator("#dataset-cases-close").click();

        Locator runs = page.locator("#runs");
        for (int run = 1; run <= 2; run++) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run smoke"))
                    .click();
            assertThat(runs.getByText("Done · 2 cases"))
                    .hasCount(run, new HasCountOptions().setTimeout(Browser.PATIENCE_MS));
        }

        runs.getByText("Done · 2 cases").first().click();
        Locator metrics = page.locator("#run-metrics");
        assertThat(metrics.locator("svg")).isVisible();
        // Named in words, each explained below the chart with the CLI's key.
        assertThat(metrics).containsText("Answered");
        assertThat(metrics).containsText("Rightly refused");
        metrics.getByText("What these figures mean").click();
        assertThat(metrics.locator(".metric-glossary")).containsText("(refusal_correct)");
        assertThat(page.locator("#run-cases")).containsText("Is there parking at the clinic?");
        assertThat(page.locator("#run-cases")).containsText("There is free parking behind the clinic.");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("evaluations-desktop.png"))
                .setFullPage(true));

        page.locator("#compare-base").click();
        page.getByRole(AriaRole.OPTION).first().click();
        page.locator("#compare-candidate").click();
        page.getByRole(AriaRole.OPTION).last().click();
        page.locator("#compare").click();
        assertThat(page.locator("#comparison")).containsText("Answered");
        assertThat(page.locator("#comparison")).containsText("+0.0 pts");
        assertThat(page.locator("#comparison")).not().containsText("2.000");
        nothingCutOff(page);
        page.locator("#comparison").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("evaluations-compare-desktop.png"))
                .setFullPage(true));

        Page phone = browser.signedIn(port, USER, PASSWORD, 390, 844);
        phone.navigate("http://localhost:" + port + "/evaluations");
        assertThat(phone.locator("#runs")).containsText("Done · 2 cases");
        fitsThePhone(phone);
        nothingCutOff(phone);
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("evaluations-phone.png"))
                .setFullPage(true));

        // A dataset is deleted after asking; its runs stay.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete smoke"))
                .click();
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Delete").setExact(true))
                .click();
        assertThat(page.locator("#datasets")).containsText("No datasets yet");
        assertThat(runs.getByText("Done · 2 cases")).hasCount(2);
    }
}
