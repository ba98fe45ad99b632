package dev.grounded.tenant.internal;

import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each tenant's assistant settings as one JSON document (tenant_settings). */
@Repository
public class TenantSettingsStore {

    private final JdbcClient jdbc;

    TenantSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> find(TenantId tenant) {
        return jdbc.sql("""
                        select settings from tenant_settings
                        where tenant_id = :tenant
                        """).param("tenant", tenant.value()).query(String.class).optional();
    }

    public void save(TenantId tenant, String settings, Instant now) {
        int updated = jdbc.sql("""
                        update tenant_settings set settings = :settings, updated_at = :now
                        where tenant_id = :tenant
                        """)
                .param("settings", settings)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into tenant_settings (tenant_id, settings, updated_at)
                            values (:tenant, :settings, :now)
                            """)
                    .param("tenant", tenant.value())
                    .param("settings", settings)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }
}
