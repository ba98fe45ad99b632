package dev.grounded.tenant.internal;

import dev.grounded.tenant.ApiKeyService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the two demo tenants (an internet provider and a dental clinic, with their knowledge from sample-docs), an
 * admin user and an API key for each on first start. Generated secrets are printed exactly once; several instances
 * starting together are safe because every insert is guarded by a unique key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstStartBootstrap implements ApplicationRunner {

    static final TenantId DEMO = TenantId.of("demo");
    static final TenantId DENTAL = TenantId.of("dental");
    private static final Logger log = LoggerFactory.getLogger(FirstStartBootstrap.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantService tenants;
    private final UserAccountService users;
    private final ApiKeyService apiKeys;
    private final BootstrapProperties properties;

    FirstStartBootstrap(
            TenantService tenants, UserAccountService users, ApiKeyService apiKeys, BootstrapProperties properties) {
        this.tenants = tenants;
        this.users = users;
        this.apiKeys = apiKeys;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demoTenant()) {
            return;
        }
        tenants.create(DEMO, "Lumen Fibre (demo)", true)
                .ifPresent(t -> log.info("Created tenant '{}' with its demo knowledge", t.id()));
        tenants.create(DENTAL, "Brightsmile Dental (demo)", true)
                .ifPresent(t -> log.info("Created tenant '{}' with its demo knowledge", t.id()));
        createAdmins();
        createApiKey(DEMO, properties.apiKey(), "GROUNDED_API_KEY");
        createApiKey(DENTAL, properties.dentalApiKey(), "GROUNDED_DENTAL_API_KEY");
    }

    /** One admin per demo tenant, with the same password: "admin" for Lumen Fibre, "dental-admin" for Brightsmile. */
    private void createAdmins() {
        if (users.find("admin").isPresent()) {
            return;
        }
        boolean generated = isBlank(properties.adminPassword());
        String password = generated ? randomSecret(12) : properties.adminPassword();
        try {
            // The installation's first user also runs it: creates the business's own tenants.
            users.create("admin", password, DEMO, Role.OPERATOR);
            users.create("dental-admin", password, DENTAL, Role.ADMIN);
        } catch (DuplicateKeyException raceLostToAnotherInstance) {
            return;
        }
        if (generated) {
            printOnce("Web console login: admin (Lumen Fibre) or dental-admin (Brightsmile Dental) / " + password
                    + "  (set GROUNDED_ADMIN_PASSWORD to choose it)");
        }
    }

    private void createApiKey(TenantId tenant, String configured, String variable) {
        if (!isBlank(configured)) {
            apiKeys.registerFromEnvironment(tenant, variable, configured);
        } else if (apiKeys.countActive(tenant) == 0) {
            printOnce("API key of tenant '" + tenant.value() + "': " + apiKeys.bootstrap(tenant) + "  (set " + variable
                    + " to choose it, or manage keys in the console under API keys)");
        }
    }

    private static void printOnce(String line) {
        String bar = "=".repeat(Math.min(100, line.length() + 4));
        log.warn("\n{}\n  {}\n  This is shown once; it is not stored in plain text.\n{}", bar, line, bar);
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
