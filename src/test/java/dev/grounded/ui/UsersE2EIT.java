package dev.grounded.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.grounded.conversation.Channel;
import dev.grounded.conversation.ConversationService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin adds a QA user, who signs in with the password shown once, cannot open the users page, and reads the
 * inbox without any way to write to a customer; the admin then removes them.
 */
class UsersE2EIT extends BrowserTest {

    private static final TenantId TENANT = TenantId.of("users-e2e");
    private static final String ADMIN = "users-admin";
    private static final String ADMIN_PASSWORD = "users-admin-password";

    @Autowired
    private TenantService tenants;

    @Autowired
    private UserAccountService users;

    @Autowired
    private ConversationService conversations;

    @BeforeEach
    void tenantWithAnAdmin() {
        if (tenants.create(TENANT, "Users E2E", false).isPresent()) {
            users.create(ADMIN, ADMIN_PASSWORD, TENANT, Role.ADMIN);
            var received =
                    conversations.receive(TENANT, null, "+34 622 33 44 55", Channel.WHATSAPP, "Hello", "en", null, 6);
            conversations.takeOver(TENANT, received.conversation().id(), ADMIN);
        }
    }

    @Test
    void anAdminAddsAQaUserWhoCanReadButNotReplyAndNotManageUsers() {
        Page admin = browser.signedIn(port, ADMIN, ADMIN_PASSWORD, 1280, 800);
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users"))
                .click();
        Locator grid = admin.locator("#users");
        assertThat(grid).containsText(ADMIN);

        admin.locator("#new-user-name input").fill("x");
        admin.locator("#new-user-add").click();
        assertThat(admin.getByText("A user name is 3 to 100 letters")).isVisible();

        admin.locator("#new-user-name input").fill("qa.quinn");
        admin.locator("#new-user-role").click();
        admin.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("QA"))
                .click();
        admin.locator("#new-user-add").click();
        Locator password = admin.locator("#new-user-password");
        assertThat(password).hasText(java.util.regex.Pattern.compile("\\S{16,}"));
        String qaPassword = password.textContent().strip();
        admin.locator("#new-user-done").click();
        assertThat(grid).containsText("qa.quinn");
        admin.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("users-desktop.png")));
        Page phone = browser.signedIn(port, ADMIN, ADMIN_PASSWORD, 390, 844);
        phone.navigate("http://localhost:" + port + "/users");
        assertThat(phone.locator("#users")).containsText("qa.quinn");
        fitsThePhone(phone);
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("users-phone.png")));

        admin.locator("#new-user-name input").fill("qa.quinn");
        admin.locator("#new-user-add").click();
        assertThat(admin.getByText("The user name qa.quinn is taken")).isVisible();

        Page qa = browser.signedIn(port, "qa.quinn", qaPassword, 1280, 800);
        assertThat(qa.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users")))
                .hasCount(0);
        qa.navigate("http://localhost:" + port + "/users");
        assertThat(qa.locator("#users")).hasCount(0);

        qa.navigate("http://localhost:" + port + "/inbox");
        qa.locator("#inbox-tab-with-agent").click();
        qa.locator("#inbox-list vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setVisible(true).setHasText("4455"))
                .first()
                .click();
        assertThat(qa.locator("#conversation-messages")).containsText("Hello");
        assertThat(qa.locator("#agent-reply")).hasCount(0);
        assertThat(qa.locator("#take-over")).hasCount(0);
        assertThat(qa.locator("#release")).hasCount(0);

        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove qa.quinn"))
                .click();
        admin.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Remove").setExact(true))
                .click();
        assertThat(grid).not().containsText("qa.quinn");
        assertThat(admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + ADMIN)))
                .isDisabled();
    }
}
