package dev.grounded.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.grounded.channel.ChannelConnections;
import dev.grounded.channel.ConnectionDraft;
import dev.grounded.channel.Provider;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The agents' inbox in the browser: a WhatsApp customer asking for a person shows up live on an open inbox page with
 * a notification; an agent reads the conversation, takes it over, and their reply reaches the fake Graph API; on a
 * phone the list and the conversation take turns. Only an admin erases a customer who asks to be forgotten. A user of
 * another tenant sees none of it.
 */
class InboxE2EIT extends BrowserTest {

    private static final String TENANT = "inbox-e2e";
    private static final String AGENT = "inbox-agent";
    private static final String AGENT_PASSWORD = "inbox-agent-password";
    private static final String ADMIN = "inbox-admin";
    private static final String ADMIN_PASSWORD = "inbox-admin-password";
    private static final String FORGOTTEN = "34611223344";
    private static final String SECOND_CUSTOMER = "34611226688";
    private static final String OUTSIDER = "inbox-outsider";
    private static final String OUTSIDER_PASSWORD = "inbox-outsider-password";
    private static final String APP_SECRET = "inbox-e2e-app-secret";
    private static final String PHONE_NUMBER_ID = "7070";
    private static final String CUSTOMER = "34611225577";
    private static final String OTHER_CUSTOMER = "34611229911";

    @Autowired
    private TenantService tenants;

    @Autowired
    private UserAccountService users;

    @Autowired
    private ChannelConnections connections;

    @Autowired
    private QuickReplyService quickReplies;

    @BeforeEach
    void tenantsAndUsers() {
        if (tenants.create(TenantId.of(TENANT), "Inbox E2E", false).isPresent()) {
            users.create(AGENT, AGENT_PASSWORD, TenantId.of(TENANT), Role.AGENT);
            users.create(ADMIN, ADMIN_PASSWORD, TenantId.of(TENANT), Role.ADMIN);
            quickReplies.create(
                    TenantId.of(TENANT),
                    new QuickReplyDraft("Parking", "Free parking behind the clinic.", "en", List.of("parking")));
            tenants.create(TenantId.of("inbox-other"), "Another business", false);
            users.create(OUTSIDER, OUTSIDER_PASSWORD, TenantId.of("inbox-other"), Role.ADMIN);
        }
    }

    @Test
    void aHandoffAppearsLiveAndTheAgentsReplyReachesWhatsApp() throws Exception {
        String connection = metaConnection();
        Page page = browser.signedIn(port, AGENT, AGENT_PASSWORD, 1366, 800);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inbox"))
                .click();
        Locator list = page.locator("#inbox-list");
        assertThat(list).not().containsText("5577");

        // Server push: the page is open and is told, no reload.
        assertThat(webhook(connection, CUSTOMER, "wamid.inbox-1", "Can I talk to a human, please?"))
                .isEqualTo(200);
        Locator handoffNotes = page.locator("vaadin-notification-card")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("needs? a person")));
        assertThat(handoffNotes).isVisible();
        // A second handoff while the first is announced: one notification counts both.
        assertThat(webhook(connection, SECOND_CUSTOMER, "wamid.inbox-second-1", "Can I talk to a human?"))
                .isEqualTo(200);
        assertThat(handoffNotes.filter(new Locator.FilterOptions().setHasText("2 customers need a person")))
                .hasText(Pattern.compile("the latest \\(.*6688\\)"));
        assertThat(handoffNotes).hasCount(1);
        handoffNotes
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open"))
                .click();
        assertThat(page.locator("#conversation-messages")).containsText("Can I talk to a human?");
        assertThat(page.locator("#inbox-tab-needs-human")).containsText(Pattern.compile("\\([1-9]\\)"));
        Locator row = visibleCells(list, Pattern.compile("5577"));
        assertThat(row).hasCount(1);
        assertThat(list).containsText("Needs a person");
        assertThat(list.locator(".unread[title$='5577']")).hasText("1");

        Locator messages = page.locator("#conversation-messages");
        open(row.first(), messages, "Can I talk to a human, please?");
        assertThat(list.locator(".unread[title$='5577']")).hasCount(0);

        page.locator("#take-over").click();
        assertThat(page.locator("#conversation-state")).containsText("With an agent · " + AGENT);
        page.locator("#agent-reply textarea").fill("Hello, this is Ana from the clinic. How can I help?");
        page.locator("#agent-send").click();
        assertThat(messages).containsText("Hello, this is Ana from the clinic.");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(WHATSAPP.findAll(postRequestedFor(
                                urlPathEqualTo("/graph/" + PHONE_NUMBER_ID + "/messages"))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(CUSTOMER)))
                        .withRequestBody(matchingJsonPath("$.text.body", containing("this is Ana from the clinic")))))
                .hasSize(1));
        assertThat(messages).containsText(Pattern.compile("inbox-agent · .* · (sent|delivered)"));
        nothingCutOff(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("inbox-desktop.png")));

        // The customer writes again while the agent has the conversation: the bot stays silent, the page updates.
        assertThat(webhook(connection, CUSTOMER, "wamid.inbox-2", "Thanks! Do you have parking?"))
                .isEqualTo(200);
        assertThat(messages).containsText("Do you have parking?");

        Page phone = browser.signedIn(port, AGENT, AGENT_PASSWORD, 390, 844);
        phone.navigate("http://localhost:" + port + "/inbox");
        phone.locator("#inbox-tab-with-agent").click();
        open(
                visibleCells(phone.locator("#inbox-list"), Pattern.compile("5577"))
                        .first(),
                phone.locator("#conversation-messages"),
                "Do you have parking?");
        assertThat(phone.locator("#inbox-list")).isHidden();
        fitsThePhone(phone);
        nothingCutOff(phone);
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("inbox-phone.png")));
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back"))
                .click();
        assertThat(phone.locator("#inbox-list")).isVisible();

        page.locator("#release").click();
        assertThat(page.locator("#conversation-state")).containsText("Bot");
        assertThat(page.locator("#inbox-tab-with-agent")).containsText("(0)");
    }

    @Test
    void onlyAnAdminErasesACustomerWhoAsksToBeForgotten() throws Exception {
        String connection = metaConnection();
        assertThat(webhook(connection, FORGOTTEN, "wamid.inbox-forget-1", "Please let me talk to a human"))
                .isEqualTo(200);
        Page agent = inboxOf(AGENT, AGENT_PASSWORD);
        open(
                visibleCells(agent.locator("#inbox-list"), Pattern.compile("3344"))
                        .first(),
                agent.locator("#conversation-messages"),
                "Please let me talk to a human");
        assertThat(agent.locator("#take-over")).isVisible();
        assertThat(agent.locator("#erase-customer")).hasCount(0);

        Page admin = inboxOf(ADMIN, ADMIN_PASSWORD);
        Locator list = admin.locator("#inbox-list");
        open(
                visibleCells(list, Pattern.compile("3344")).first(),
                admin.locator("#conversation-messages"),
                "Please let me talk to a human");
        admin.locator("#erase-customer").click();
        assertThat(admin.getByText("Erase everything about")).isVisible();
        admin.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Erase").setExact(true))
                .click();
        assertThat(admin.getByText(Pattern.compile("Erased 1 conversation and \\d+ messages? of")))
                .isVisible();
        assertThat(admin.getByText("This conversation no longer exists.")).isVisible();
        assertThat(visibleCells(list, Pattern.compile("3344"))).hasCount(0);
    }

    @Test
    void anotherTenantsUserSeesNoneOfTheFirstTenantsData() throws Exception {
        String connection = metaConnection();
        assertThat(webhook(connection, OTHER_CUSTOMER, "wamid.inbox-other-1", "I want to speak to a human"))
                .isEqualTo(200);
        Page agent = inboxOf(AGENT, AGENT_PASSWORD);
        assertThat(agent.locator("#inbox-list")).containsText("9911");

        Page outsider = browser.signedIn(port, OUTSIDER, OUTSIDER_PASSWORD, 1280, 800);
        assertThat(outsider.locator("#documents")).containsText("No documents yet");
        outsider.navigate("http://localhost:" + port + "/inbox");
        assertThat(outsider.locator("#inbox-list")).containsText("No conversations here.");
        assertThat(outsider.locator("#inbox-list")).not().containsText("9911");
        assertThat(outsider.locator("#inbox-tab-needs-human")).containsText("(0)");
        outsider.navigate("http://localhost:" + port + "/quick-replies");
        assertThat(outsider.locator("#quick-replies")).containsText("No quick replies yet");
        assertThat(outsider.locator("#quick-replies")).not().containsText("Free parking behind the clinic.");
        agent.navigate("http://localhost:" + port + "/quick-replies");
        assertThat(agent.locator("#quick-replies")).containsText("Free parking behind the clinic.");
    }

    /** The inbox page of a user signed in on a desktop screen. */
    private Page inboxOf(String user, String password) {
        Page page = browser.signedIn(port, user, password, 1280, 800);
        page.navigate("http://localhost:" + port + "/inbox");
        return page;
    }

    /** The inbox tenant's Meta connection, created once. */
    private String metaConnection() {
        TenantId tenant = TenantId.of(TENANT);
        return connections.list(tenant).stream()
                .findFirst()
                .orElseGet(() -> connections.create(
                        tenant,
                        new ConnectionDraft(
                                Provider.META,
                                "Clinic WhatsApp",
                                Map.of("phoneNumberId", PHONE_NUMBER_ID, "businessAccountId", "2222"),
                                Map.of("appSecret", APP_SECRET, "accessToken", "token", "verifyToken", "verify"))))
                .id()
                .value()
                .toString();
    }

    private int webhook(String connection, String customer, String wamid, String text) throws Exception {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2222\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550007070\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"Maria\"},"
                + "\"wa_id\":\"" + customer + "\"}],\"messages\":[{\"from\":\"" + customer + "\",\"id\":\"" + wamid
                + "\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"text\":{\"body\":\"" + text
                + "\"},\"type\":\"text\"}]},\"field\":\"messages\"}]}]}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/meta/" + connection))
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", "sha256=" + signature)
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
