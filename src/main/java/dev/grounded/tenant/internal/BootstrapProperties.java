package dev.grounded.tenant.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First-start credentials. Blank values mean "generate one and print it once".
 *
 * @param adminPassword the password of the {@code admin} user (GROUNDED_ADMIN_PASSWORD)
 * @param apiKey the demo tenant's REST API key (GROUNDED_API_KEY)
 * @param dentalApiKey the second demo tenant's REST API key (GROUNDED_DENTAL_API_KEY)
 * @param demoTenant whether the demo tenants are created on first start
 */
@ConfigurationProperties("grounded.bootstrap")
record BootstrapProperties(
        String adminPassword,
        String apiKey,
        String dentalApiKey,
        @DefaultValue("true") boolean demoTenant) {}
