package dev.grounded.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.grounded.knowledge.DocumentStatus;
import dev.grounded.knowledge.KnowledgeService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.TenantSettingsService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import dev.grounded.testing.FakeGroundedModel;
import dev.grounded.testing.Patience;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * With two AI providers configured (both local WireMock stand-ins answering in their own words), an admin puts the
 * second one first in Settings and the Playground's next answer comes from it; pinning the other makes it the only
 * one. Its own application context: the shared one has no providers.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "grounded.bootstrap.demo-tenant=false",
            "grounded.bootstrap.admin-password=providers-admin-password",
            "grounded.knowledge.poll-interval=200ms",
            "grounded.llm.order=openai,gemini",
            "grounded.llm.providers.openai.api-key=sk-openai-test",
            "grounded.llm.providers.openai.model=gpt-test",
            "grounded.llm.providers.gemini.api-key=gemini-test-key",
            "grounded.llm.providers.gemini.model=gemini-test",
            "grounded.llm.providers.anthropic.api-key=",
            "vaadin.devmode.devTools.enabled=false"
        })
class ProvidersE2EIT {

    private static final TenantId TENANT = TenantId.of("providers-e2e");
    private static final String ADMIN = "providers-admin";
    private static final String PASSWORD = "providers-admin-password";
    private static final String QUESTION = "Where can I park when I come to the clinic?";
    private static final WireMockServer providers = new WireMockServer(options().dynamicPort());

    static {
        providers.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    TenantService tenants;

    @Autowired
    UserAccountService users;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    TenantSettingsService settings;

    private Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String dataDir = Files.createTempDirectory("grounded-providers-test").toString();
        registry.add("grounded.data-dir", () -> dataDir);
        registry.add("grounded.llm.providers.openai.base-url", () -> providers.baseUrl() + "/openai/v1");
        registry.add("grounded.llm.providers.gemini.base-url", () -> providers.baseUrl() + "/gemini/v1");
    }

    @AfterAll
    static void stopProviders() {
        providers.stop();
    }

    @BeforeEach
    void tenantWithKnowledgeAndTwoProviders() throws Exception {
        if (tenants.create(TENANT, "Providers E2E", false).isPresent()) {
            users.create(ADMIN, PASSWORD, TENANT, Role.ADMIN);
            knowledge.upload(
                    TENANT,
                    "parking.txt",
                    "Parking is free in the car park behind the clinic; enter by gate B."
                            .getBytes(StandardCharsets.UTF_8));
        }
        Patience.await("the parking document ready")
                .until(() -> knowledge.list(TENANT).stream().allMatch(d -> d.status() == DocumentStatus.READY));
        answers("openai", "OpenAI says: park behind the clinic, gate B.");
        answers("gemini", "Gemini says: the car park is behind the clinic, gate B.");
        browser = Browser.launch();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theProviderOrderAndPinChosenInSettingsDecideWhoAnswers() throws Exception {
        Page page = browser.signedIn(port, ADMIN, PASSWORD, 1280, 800);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                .click();
        assertThat(ask(page)).containsText("OpenAI says");
        assertThat(page.locator("#answer")).containsText("by openai");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings"))
                .click();
        page.locator("#settings-tab-providers").click();
        var grid = page.locator("#settings-providers");
        assertThat(grid).containsText("openai");
        assertThat(grid).containsText("gemini");
        assertThat(grid).containsText("••••-key");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try gemini earlier"))
                .click();
        page.locator("#settings-save").click();
        assertThat(page.getByText("Settings saved")).isVisible();
        assertThat(settings.get(TENANT).providers().order()).containsExactly("gemini", "openai");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("settings-providers-desktop.png"))
                .setFullPage(true));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                .click();
        assertThat(ask(page)).containsText("Gemini says");
        assertThat(page.locator("#answer")).containsText("by gemini");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings"))
                .click();
        page.locator("#settings-tab-providers").click();
        page.locator("#settings-pinned").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Only openai"))
                .click();
        assertThat(page.locator("#settings-pinned")).containsText("Only openai");
        page.locator("#settings-save").click();
        awaitPinned("openai");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                .click();
        assertThat(ask(page)).containsText("OpenAI says");
    }

    /** The first save's notification may still show: the stored settings tell when the second one landed. */
    private void awaitPinned(String provider) {
        Patience.await("settings pinned to " + provider)
                .until(() -> settings.get(TENANT).providers().pinned(), provider::equals);
    }

    private static Locator ask(Page page) {
        page.locator("#new-conversation").click();
        page.locator("#question input").fill(QUESTION);
        page.locator("#ask").click();
        return page.locator(".answer-text").last();
    }

    private static void answers(String provider, String text) {
        providers.stubFor(post(urlEqualTo("/" + provider + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                JsonMapper.builder().build().writeValueAsString(FakeGroundedModel.completion(text)))));
    }
}
