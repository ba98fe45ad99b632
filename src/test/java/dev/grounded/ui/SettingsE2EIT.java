package dev.grounded.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.grounded.channel.ChannelConnections;
import dev.grounded.channel.MessageTemplate;
import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.BusinessHours;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.TenantSettingsService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin sets the assistant up (persona, languages, hand-off phrases, business hours with a lunch break and a
 * holiday; a closing time before the opening is refused and nothing is saved), connects a Meta number (webhook URL
 * shown, secrets masked) with an approved template (an invalid name refused) and a WAHA gateway (session status and QR code from the fake WAHA), deletes the Meta number;
 * an agent of the same tenant cannot open the settings.
 */
class SettingsE2EIT extends BrowserTest {

    private static final TenantId TENANT = TenantId.of("settings-e2e");
    private static final String ADMIN = "settings-admin";
    private static final String AGENT = "settings-agent";
    private static final String PASSWORD = "settings-password-1";

    @Autowired
    private TenantService tenants;

    @Autowired
    private UserAccountService users;

    @Autowired
    private TenantSettingsService settings;

    @Autowired
    private ChannelConnections connections;

    @BeforeEach
    void tenantWithAnAdminAndAnAgent() throws Exception {
        if (tenants.create(TENANT, "Settings E2E", false).isPresent()) {
            users.create(ADMIN, PASSWORD, TENANT, Role.ADMIN);
            users.create(AGENT, PASSWORD, TENANT, Role.AGENT);
        }
        WHATSAPP.stubFor(get(urlPathEqualTo("/waha/api/sessions/shop"))
                .willReturn(okJson("{\"name\":\"shop\",\"status\":\"SCAN_QR_CODE\"}")));
        var png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
        WHATSAPP.stubFor(get(urlPathEqualTo("/waha/api/shop/auth/qr"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png.toByteArray())));
    }

    @Test
    void anAdminSetsUpTheAssistantAndItsWhatsAppNumbers() {
        Page page = browser.signedIn(port, ADMIN, PASSWORD, 1366, 800);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings"))
                .click();

        page.locator("#settings-business-profile textarea").fill("Lumen Fibre sells home fibre in Porto.");
        choose(page, "#settings-persona", "Friendly");
        page.locator("#settings-temperature input").fill("0.5");
        choose(page, "#settings-main-language", "Spanish (es)");
        page.locator("#settings-other-languages input").fill("English");
        page.locator("vaadin-multi-select-combo-box-item")
                .filter(new Locator.FilterOptions().setHasText("English (en)"))
                .click();
        page.keyboard().press("Escape");

        page.locator("#settings-tab-hours").click();
        page.locator("#settings-handoff-keywords textarea").fill("quiero hablar con alguien\nreclamación");
        page.getByText("Healthcare: symptoms, emergencies").click();
        page.locator("#settings-timezone input").fill("Europe/Lisbon");
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Europe/Lisbon"))
                .click();
        page.locator("#settings-hours-monday-open").click();
        time(page, "#settings-hours-monday-from", "09:00");
        time(page, "#settings-hours-monday-to", "13:00");
        time(page, "#settings-hours-monday-from2", "14:00");
        time(page, "#settings-hours-monday-to2", "18:00");
        page.locator("#settings-hours-tuesday-open").click();
        time(page, "#settings-hours-tuesday-from", "10:00");
        time(page, "#settings-hours-tuesday-to", "09:00");
        page.locator("#settings-holiday input").fill("12/25/2026");
        page.locator("#settings-holiday input").press("Enter");
        page.locator("#settings-holiday-add").click();
        assertThat(page.locator("#settings-holidays")).containsText("2026-12-25");

        page.locator("#settings-save").click();
        assertThat(page.getByText("Not saved: Tuesday: closing must come after opening"))
                .isVisible();
        assertThat(settings.get(TENANT).persona()).isEqualTo(AssistantSettings.Persona.PROFESSIONAL);

        time(page, "#settings-hours-tuesday-to", "16:00");
        page.locator("#settings-save").click();
        assertThat(page.getByText("Settings saved")).isVisible();

        AssistantSettings saved = settings.get(TENANT);
        assertThat(saved.persona()).isEqualTo(AssistantSettings.Persona.FRIENDLY);
        assertThat(saved.businessProfile()).isEqualTo("Lumen Fibre sells home fibre in Porto.");
        assertThat(saved.temperature()).isEqualTo(0.5);
        assertThat(saved.languages().answered()).containsExactly("es", "en");
        assertThat(saved.handoff().keywords()).containsExactly("quiero hablar con alguien", "reclamación");
        assertThat(saved.handoff().industryPacks()).containsExactly(AssistantSettings.IndustryPack.HEALTHCARE);
        assertThat(saved.hours().timezone()).isEqualTo("Europe/Lisbon");
        assertThat(saved.hours().weekly())
                .containsExactly(
                        new BusinessHours.Period(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)),
                        new BusinessHours.Period(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(18, 0)),
                        new BusinessHours.Period(DayOfWeek.TUESDAY, LocalTime.of(10, 0), LocalTime.of(16, 0)));
        assertThat(saved.hours().holidays()).containsExactly(LocalDate.of(2026, 12, 25));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("settings-hours-desktop.png"))
                .setFullPage(true));

        // Changes not saved: leaving asks first (staying keeps them), and discarding asks, then shows what is saved.
        Locator keywords = page.locator("#settings-handoff-keywords textarea");
        keywords.fill("only this keyword");
        keywords.blur();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Knowledge"))
                .click();
        assertThat(page.getByText("Leave without saving?")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel"))
                .click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/settings$"));
        assertThat(keywords).hasValue("only this keyword");
        page.locator("#settings-discard").click();
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Discard").setExact(true))
                .click();
        assertThat(keywords).hasValue("quiero hablar con alguien\nreclamación");
        assertThat(settings.get(TENANT).handoff().keywords())
                .containsExactly("quiero hablar con alguien", "reclamación");

        page.locator("#settings-tab-providers").click();
        assertThat(page.locator("#settings-providers-empty")).containsText("No AI provider is configured");
        assertThat(page.locator("#settings-providers-empty")).containsText("OPENAI_API_KEY");
        assertThat(page.locator("#settings-providers-empty")).not().containsText("GROUNDED_OPENAI");
        nothingCutOff(page);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("settings-no-provider-desktop.png"))
                .setFullPage(true));

        page.locator("#settings-tab-whatsapp").click();
        assertThat(page.locator("#connections-empty")).isVisible();
        addConnection(
                page,
                "Meta Cloud API",
                "Support line",
                List.of(
                        "phoneNumberId", "1111",
                        "businessAccountId", "2222",
                        "appSecret", "app-secret-value-1234",
                        "accessToken", "access-token-value-5678",
                        "verifyToken", "verify-token-value-9999"));
        Locator meta = page.locator(".connection-card").filter(new Locator.FilterOptions().setHasText("Support line"));
        assertThat(meta).containsText("Meta Cloud API");
        assertThat(meta).containsText("••••5678");
        assertThat(meta).not().containsText("access-token-value-5678");
        assertThat(meta.locator(".webhook-url input")).hasValue(java.util.regex.Pattern.compile("/webhooks/meta/.+"));
        assertThat(meta.locator(".templates-summary")).containsText("No approved templates");

        // Its approved templates: an invalid name is refused with the reason and nothing is stored; the parameters
        // are counted from the body.
        meta.locator(".connection-templates").click();
        Locator template = page.locator(".template-row").first();
        template.locator(".template-name input").fill("Order Update");
        template.locator(".template-language input").fill("en_US");
        template.locator(".template-body textarea").fill("Hi {{1}}, your order {{2}} has shipped.");
        page.locator("#templates-save").click();
        assertThat(page.locator("#templates-error")).containsText("lower-case letters");
        template.locator(".template-name input").fill("order_update");
        page.locator("#templates-save").click();
        assertThat(page.getByText("Templates of Support line saved")).isVisible();
        assertThat(meta.locator(".templates-summary")).containsText("order_update (en_US)");
        var supportLine = connections.list(TENANT).stream()
                .filter(c -> c.name().equals("Support line"))
                .findFirst()
                .orElseThrow();
        assertThat(connections.templates(TENANT, supportLine.id()))
                .containsExactly(new MessageTemplate(
                        "order_update", "en_US", 2, "Hi {{1}}, your order {{2}} has shipped.", null));

        addConnection(
                page,
                "WAHA (self-hosted)",
                "Shop phone",
                List.of(
                        "baseUrl", WHATSAPP.baseUrl() + "/waha",
                        "session", "shop",
                        "apiKey", "waha-api-key-000001",
                        "webhookHmacKey", "waha-hmac-key-000001"));
        Locator waha = page.locator(".connection-card").filter(new Locator.FilterOptions().setHasText("Shop phone"));
        waha.locator(".session-refresh").click();
        waha = page.locator(".connection-card").filter(new Locator.FilterOptions().setHasText("Shop phone"));
        assertThat(waha.locator(".session-status")).hasText("Session: SCAN_QR_CODE");
        assertThat(waha.locator("img.session-qr")).isVisible();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("settings-desktop.png"))
                .setFullPage(true));

        meta.locator(".connection-delete").click();
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Delete").setExact(true))
                .click();
        assertThat(page.locator(".connection-card")).hasCount(1);

        Page phone = browser.signedIn(port, ADMIN, PASSWORD, 390, 844);
        phone.navigate("http://localhost:" + port + "/settings");
        phone.locator("#settings-tab-whatsapp").click();
        assertThat(phone.locator(".connection-card")).hasCount(1);
        fitsThePhone(phone);
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("settings-phone.png"))
                .setFullPage(true));

        Page agent = browser.signedIn(port, AGENT, PASSWORD, 1280, 800);
        assertThat(agent.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings")))
                .hasCount(0);
        agent.navigate("http://localhost:" + port + "/settings");
        assertThat(agent.locator("#settings-save")).hasCount(0);
        assertThat(agent.locator(".connection-card")).hasCount(0);
    }

    private static void choose(Page page, String select, String option) {
        page.locator(select).click();
        page.getByRole(
                        AriaRole.OPTION,
                        new Page.GetByRoleOptions().setName(option).setExact(true))
                .click();
    }

    private static void time(Page page, String picker, String value) {
        Locator input = page.locator(picker + " input");
        input.fill(value);
        input.press("Enter");
    }

    private static void addConnection(Page page, String provider, String name, List<String> fields) {
        page.locator("#connection-add").click();
        choose(page, "#connection-provider", provider);
        page.locator("#connection-name input").fill(name);
        for (int i = 0; i < fields.size(); i += 2) {
            String key = fields.get(i);
            String id = key.endsWith("Id") || key.equals("baseUrl") || key.equals("session")
                    ? "#connection-identifier-" + key
                    : "#connection-secret-" + key;
            page.locator(id + " input").fill(fields.get(i + 1));
        }
        page.locator("#connection-save").click();
        assertThat(page.locator(".connection-card").filter(new Locator.FilterOptions().setHasText(name)))
                .isVisible();
    }
}
