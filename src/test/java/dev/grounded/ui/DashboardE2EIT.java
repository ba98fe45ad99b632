package dev.grounded.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.grounded.conversation.Channel;
import dev.grounded.knowledge.QuickReply;
import dev.grounded.knowledge.QuickReplyDraft;
import dev.grounded.knowledge.QuickReplyService;
import dev.grounded.reply.Question;
import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.Outcome;
import dev.grounded.reply.ReplyService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard over a day of real replies (no chat provider configured: quick replies, "not covered" and a handoff):
 * the rates, the daily chart, handoffs by reason, and a knowledge gap turned into a quick reply that answers the same
 * question next time. At phone size the figures wrap and nothing scrolls sideways.
 */
class DashboardE2EIT extends BrowserTest {

    private static final TenantId TENANT = TenantId.of("dashboard-e2e");
    private static final String ADMIN = "dashboard-admin";
    private static final String ADMIN_PASSWORD = "dashboard-admin-password";
    private static final String GIFT_CARDS = "Do you sell gift cards?";

    @Autowired
    private TenantService tenants;

    @Autowired
    private UserAccountService users;

    @Autowired
    private QuickReplyService quickReplies;

    @Autowired
    private ReplyService replies;

    @BeforeEach
    void aDayOfCustomerMessages() {
        if (tenants.create(TENANT, "Dashboard E2E", false).isEmpty()) {
            return;
        }
        users.create(ADMIN, ADMIN_PASSWORD, TENANT, Role.ADMIN);
        quickReplies.create(
                TENANT, new QuickReplyDraft("Parking", "Free parking behind the clinic.", "en", List.of("parking")));
        assertThat(ask("Do you have parking?", "+34 611 30 00 01", Channel.WHATSAPP, null)
                        .outcome())
                .isEqualTo(Outcome.QUICK_REPLY);
        assertThat(ask("Do you have parking?", "+34 611 30 00 02", Channel.API, null)
                        .outcome())
                .isEqualTo(Outcome.QUICK_REPLY);
        assertThat(ask(GIFT_CARDS, "+34 611 30 00 03", Channel.WHATSAPP, null).outcome())
                .isEqualTo(Outcome.NOT_COVERED);
        Reply first = ask(GIFT_CARDS, "+34 611 30 00 04", Channel.WHATSAPP, null);
        assertThat(first.outcome()).isEqualTo(Outcome.NOT_COVERED);
        Reply second = ask("Can I pay with bitcoin?", "+34 611 30 00 04", Channel.WHATSAPP, first.conversationId());
        assertThat(second.outcome()).isEqualTo(Outcome.HANDOFF);
        // The business trying its own bot is not a customer.
        ask(GIFT_CARDS, "+34 611 30 00 05", Channel.PLAYGROUND, null);
    }

    @Test
    void theDashboardShowsTheDayAndTurnsAnUnansweredQuestionIntoAQuickReply() {
        Page page = browser.signedIn(port, ADMIN, ADMIN_PASSWORD, 1366, 800);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard"))
                .click();

        // This installation has no AI provider: the page says so, and what customers get.
        assertThat(page.locator("#dashboard-no-provider")).containsText("No AI provider is configured");
        assertThat(page.locator("#kpi-messages .kpi-value")).hasText("5");
        assertThat(page.locator("#kpi-answer-rate .kpi-value")).hasText("40%");
        assertThat(page.locator("#kpi-quick-reply-rate .kpi-value")).hasText("40%");
        assertThat(page.locator("#kpi-handoff-rate .kpi-value")).hasText("20%");
        assertThat(page.locator("#kpi-degraded .kpi-value")).hasText("0%");
        assertThat(page.locator("#kpi-latency .kpi-value")).hasText(Pattern.compile("[\\d.]+ / [\\d.]+ (ms|s)"));
        assertThat(page.locator("#kpi-to-person .kpi-value")).hasText("–");
        assertThat(page.locator("#kpi-to-person .kpi-detail")).hasText("0 of 1 handoff answered by an agent");
        assertThat(page.locator("#dashboard-daily svg title")).hasCount(7);
        assertThat(page.locator("#dashboard-daily svg title").last())
                .containsText("5 customer messages, 5 replies, 1 handed over");
        assertThat(page.locator("#dashboard-handoffs")).containsText("Knowledge did not answer");
        assertThat(page.locator("#dashboard-handoffs")).containsText("1 (20% of replies)");

        Locator gaps = page.locator("#dashboard-gaps");
        assertThat(visibleCells(gaps, Pattern.compile("Do you sell gift cards\\?")))
                .hasCount(1);
        assertThat(visibleCells(gaps, Pattern.compile("Can I pay with bitcoin\\?")))
                .hasCount(1);
        assertThat(visibleCells(gaps, Pattern.compile("Do you sell gift cards\\?Asked 2 times · last")))
                .hasCount(1);
        assertThat(visibleCells(gaps, Pattern.compile("Can I pay with bitcoin\\?Asked once")))
                .hasCount(1);
        nothingCutOff(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("dashboard-desktop.png")));
        gaps.scrollIntoViewIfNeeded();
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("dashboard-gaps-desktop.png")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a quick reply for " + GIFT_CARDS))
                .click();
        assertThat(page.locator("#new-quick-reply-label input")).hasValue(GIFT_CARDS);
        assertThat(page.locator("#new-quick-reply-language input")).hasValue("en");
        page.locator("#new-quick-reply-answer textarea").fill("Yes: gift cards from 20 euros, at the front desk.");
        page.locator("#new-quick-reply-keywords input").fill("gift card, voucher");
        page.locator("#new-quick-reply-save").click();
        assertThat(gaps).containsText("Quick reply added");

        assertThat(quickReplies.list(TENANT)).extracting(QuickReply::label).contains(GIFT_CARDS);
        Reply again = ask(GIFT_CARDS, "+34 611 30 00 06", Channel.WHATSAPP, null);
        assertThat(again.outcome()).isEqualTo(Outcome.QUICK_REPLY);
        assertThat(again.answer()).contains("gift cards from 20 euros");

        page.locator("#dashboard-period").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Last 30 days"))
                .click();
        assertThat(page.locator("#kpi-messages .kpi-value")).hasText("6");
        assertThat(page.locator("#kpi-quick-reply-rate .kpi-value")).hasText("50%");

        Page phone = browser.signedIn(port, ADMIN, ADMIN_PASSWORD, 390, 844);
        phone.navigate("http://localhost:" + port + "/dashboard");
        assertThat(phone.locator("#kpi-handoff-rate")).isVisible();
        assertThat(phone.locator("#dashboard-daily svg")).isVisible();
        fitsThePhone(phone);
        nothingCutOff(phone);
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("dashboard-phone.png")));
        phone.locator("#dashboard-handoffs").scrollIntoViewIfNeeded();
        phone.screenshot(
                new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("dashboard-chart-phone.png")));
    }

    private Reply ask(String text, String phone, Channel channel, String conversationId) {
        return replies.ask(TENANT, new Question(text, conversationId, phone, channel, "en"));
    }
}
