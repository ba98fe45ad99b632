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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the demo tenant, the admin user and an API key on first start. Generated secrets are printed exactly once;
 * several instances starting together are safe because every insert is guarded by a unique key.
 */
@Component
class FirstStartBootstrap implements ApplicationRunner {

    static final TenantId DEMO = TenantId.of("demo");
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
        createAdmin();
        createApiKey();
    }

    private void createAdmin() {
        if (users.find("admin").isPresent()) {
            return;
        }
        boolean generated = isBlank(properties.adminPassword());
        String password = generated ? randomSecret(12) : properties.adminPassword();
        try {
            users.create("admin", password, DEMO, Role.ADMIN);
        } catch (DuplicateKeyException raceLostToAnotherInstance) {
            return;
        }
        if (generated) {
            printOnce("Web console login: admin / " + password + "  (set GROUNDED_ADMIN_PASSWORD to choose it)");
        }
    }

    private void createApiKey() {
        if (!isBlank(properties.apiKey())) {
            apiKeys.register(DEMO, properties.apiKey());
        } else if (apiKeys.count(DEMO) == 0) {
            printOnce("API key of tenant 'demo': " + apiKeys.issue(DEMO) + "  (set GROUNDED_API_KEY to choose it)");
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
