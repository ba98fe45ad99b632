package dev.grounded.tenant;

import dev.grounded.tenant.internal.TenantSettingsStore;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's assistant settings, stored as one JSON document per tenant; defaults until the tenant saves its own. */
@Service
public class TenantSettingsService {

    private final TenantSettingsStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Validator validator;

    private final Permissions permissions;

    TenantSettingsService(
            TenantSettingsStore store, JsonMapper json, Clock clock, Validator validator, Permissions permissions) {
        this.permissions = permissions;
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.validator = validator;
    }

    public AssistantSettings get(TenantId tenant) {
        return store.find(tenant)
                .map(text -> json.readValue(text, AssistantSettings.class))
                .orElseGet(AssistantSettings::defaults);
    }

    /**
     * @throws IllegalArgumentException naming every field out of bounds; nothing is saved then
     */
    @Transactional
    public AssistantSettings save(TenantId tenant, AssistantSettings settings) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        Set<ConstraintViolation<AssistantSettings>> violations = validator.validate(settings);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        store.save(tenant, json.writeValueAsString(settings), clock.instant());
        return settings;
    }
}
