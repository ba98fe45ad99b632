package dev.grounded.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The platform operator opens a tenant for a new business with its first admin (both or neither), who signs in to an
 * empty tenant of their own and manages it; a tenant's admin sees no tenants page.
 */
class TenantsE2EIT extends BrowserTest {

    private static final TenantId HOME = TenantId.of("tenants-e2e");
    private static final String OPERATOR = "tenants-operator";
    private static final String ADMIN = "tenants-admin";
    private static final String PASSWORD = "tenants-e2e-password";

    @Autowired
    private TenantService tenants;

    @Autowired
    private UserAccountService users;

    @BeforeEach
    void anOperatorAndAnAdmin() {
        if (tenants.create(HOME, "Tenants E2E", false).isPresent()) {
            users.create(OPERATOR, PASSWORD, HOME, Role.OPERATOR);
            users.create(ADMIN, PASSWORD, HOME, Role.ADMIN);
        }
    }

    @Test
    void theOperatorOpensATenantWhoseAdminSignsInToItAlone() {
        Page page = browser.signedIn(port, OPERATOR, PASSWORD, 1280, 800);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tenants"))
                .click();
        assertThat(page.locator("#tenants")).containsText("Tenants E2E");
        page.locator("#new-tenant-create").click();
        assertThat(page.locator("#new-tenant-id")).hasAttribute("invalid", "");
        assertThat(page.locator("#new-tenant-admin")).hasAttribute("invalid", "");

        // The admin's name is taken: neither the tenant nor the user is created.
        fill(page, "acme-shoes", "Acme Shoes", ADMIN);
        assertThat(page.getByText("The user name " + ADMIN + " is taken. Nothing was created."))
                .isVisible();
        assertThat(tenants.find(TenantId.of("acme-shoes"))).isEmpty();

        fill(page, "acme-shoes", "Acme Shoes", "acme.admin");
        assertThat(page.locator("#new-user-password")).hasText(java.util.regex.Pattern.compile("\\S{16,}"));
        String password = page.locator("#new-user-password").textContent().strip();
        page.locator("#new-user-done").click();
        assertThat(page.locator("#tenants")).containsText("Acme Shoes");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("tenants-desktop.png")));

        fill(page, "acme-shoes", "Acme Shoes again", "acme.second");
        assertThat(page.getByText("There is already a tenant acme-shoes. Nothing was created."))
                .isVisible();
        assertThat(users.find("acme.second")).isEmpty();

        Page acme = browser.signedIn(port, "acme.admin", password, 1280, 800);
        assertThat(acme.locator("#documents")).not().containsText("Lumen Fibre");
        assertThat(acme.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tenants")))
                .hasCount(0);
        acme.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users"))
                .click();
        assertThat(acme.locator("#users")).containsText("acme.admin");
        assertThat(acme.locator("#users")).not().containsText(OPERATOR);
        assertThat(users.find("acme.admin").orElseThrow().tenantId()).isEqualTo(TenantId.of("acme-shoes"));

        Page admin = browser.signedIn(port, ADMIN, PASSWORD, 1280, 800);
        assertThat(admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tenants")))
                .hasCount(0);
        admin.navigate("http://localhost:" + port + "/tenants");
        assertThat(admin.locator("#tenants")).hasCount(0);

        Page phone = browser.signedIn(port, OPERATOR, PASSWORD, 390, 844);
        phone.navigate("http://localhost:" + port + "/tenants");
        assertThat(phone.locator("#tenants")).containsText("Acme Shoes");
        fitsThePhone(phone);
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("tenants-phone.png")));
    }

    private static void fill(Page page, String id, String name, String admin) {
        page.locator("#new-tenant-id input").fill(id);
        page.locator("#new-tenant-name input").fill(name);
        page.locator("#new-tenant-admin input").fill(admin);
        page.locator("#new-tenant-create").click();
    }
}
