package dev.grounded.tenant;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's assistant settings, stored as one JSON document per tenant; defaults until the tenant saves its own. */
@Service
public class TenantSettingsService {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Validator validator;

    TenantSettingsService(JdbcClient jdbc, JsonMapper json, Clock clock, Validator validator) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.validator = validator;
    }

    public AssistantSettings get(TenantId tenant) {
        return jdbc.sql("select settings from tenant_settings where tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, AssistantSettings.class))
                .orElseGet(AssistantSettings::defaults);
    }

    /**
     * @throws IllegalArgumentException naming every field out of bounds; nothing is saved then
     */
    @Transactional
    public AssistantSettings save(TenantId tenant, AssistantSettings settings) {
        Set<ConstraintViolation<AssistantSettings>> violations = validator.validate(settings);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        String text = json.writeValueAsString(settings);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql(
                        "update tenant_settings set settings = :settings, updated_at = :now where tenant_id = :tenant")
                .param("settings", text)
                .param("now", now)
                .param("tenant", tenant.value())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into tenant_settings (tenant_id, settings, updated_at) values (:tenant, :settings, :now)")
                    .param("tenant", tenant.value())
                    .param("settings", text)
                    .param("now", now)
                    .update();
        }
        return settings;
    }
}
