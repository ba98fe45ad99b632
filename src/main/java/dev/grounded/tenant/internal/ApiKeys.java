package dev.grounded.tenant.internal;

import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants' API keys, by the digest of the key: the key itself is never stored. */
@Repository
public class ApiKeys {

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A no-op when a key with this digest is registered already. */
    public void insertIfAbsent(TenantId tenant, String digest, String prefix, Instant createdAt) {
        jdbc.sql("""
                        insert into api_key (id, tenant_id, key_hash, key_prefix, created_at)
                        select :id, :tenant, :hash, :prefix, :createdAt
                        where not exists (select 1 from api_key where key_hash = :hash)
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenant.value())
                .param("hash", digest)
                .param("prefix", prefix)
                .param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    public Optional<TenantId> tenantOf(String digest) {
        return jdbc.sql("""
                        select tenant_id from api_key
                        where key_hash = :hash
                        """)
                .param("hash", digest)
                .query(String.class)
                .optional()
                .map(TenantId::of);
    }

    public int count(TenantId tenant) {
        return jdbc.sql("""
                        select count(*) from api_key
                        where tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query(Integer.class)
                .single();
    }
}
