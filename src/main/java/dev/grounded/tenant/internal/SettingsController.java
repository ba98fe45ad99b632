package dev.grounded.tenant.internal;

import dev.grounded.tenant.AssistantSettings;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantSettingsService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's assistant settings, read and replaced as a whole. */
@RestController
class SettingsController {

    private final TenantSettingsService settings;

    SettingsController(TenantSettingsService settings) {
        this.settings = settings;
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/settings")
    AssistantSettings get(@PathVariable String tenant) {
        return settings.get(TenantId.of(tenant));
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @PutMapping("/api/v1/tenants/{tenant}/settings")
    AssistantSettings put(@PathVariable String tenant, @Valid @RequestBody AssistantSettings body) {
        return settings.save(TenantId.of(tenant), body);
    }
}
