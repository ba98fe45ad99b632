package dev.grounded.tenant.internal;

import dev.grounded.tenant.ApiKey;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants' API keys, by the digest of the key: the key itself is never stored. */
@Repository
public class ApiKeys {

    private static final String COLUMNS =
            "id, tenant_id, name, key_prefix, role, created_at, created_by, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new key, under a digest no key has had (a revoked key's digest stays): false when one has. */
    public boolean insertIfAbsent(ApiKey key, String digest) {
        return jdbc.sql("""
                        insert into api_key (id, tenant_id, key_hash, key_prefix, name, role, created_at, created_by)
                        select :id, :tenant, :hash, :prefix, :name, :role, :createdAt, :createdBy
                        where not exists (select 1 from api_key where key_hash = :hash)
                        """)
                        .param("id", key.id())
                        .param("tenant", key.tenant().value())
                        .param("hash", digest)
                        .param("prefix", key.prefix())
                        .param("name", key.name())
                        .param("role", key.role().name())
                        .param("createdAt", Timestamp.from(key.createdAt()))
                        .param("createdBy", key.createdBy())
                        .update()
                > 0;
    }

    /** The active key with this digest. */
    public Optional<ApiKey> active(String digest) {
        return jdbc.sql("select " + COLUMNS + """
                         from api_key
                        where key_hash = :hash and revoked_at is null
                        """)
                .param("hash", digest)
                .query(ApiKeys::map)
                .optional();
    }

    public Optional<ApiKey> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + """
                         from api_key
                        where tenant_id = :tenant and id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .query(ApiKeys::map)
                .optional();
    }

    /** The tenant's keys, active ones first, newest first. */
    public List<ApiKey> ofTenant(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + """
                         from api_key
                        where tenant_id = :tenant
                        order by case when revoked_at is null then 0 else 1 end, created_at desc
                        """)
                .param("tenant", tenant.value())
                .query(ApiKeys::map)
                .list();
    }

    /** Records a use, at most once a minute per key: a request does not become a write. */
    public void used(UUID id, Instant now) {
        jdbc.sql("""
                        update api_key set last_used_at = :now
                        where id = :id and (last_used_at is null or last_used_at < :minuteAgo)
                        """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("minuteAgo", Timestamp.from(now.minusSeconds(60)))
                .update();
    }

    public boolean revoke(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                        update api_key set revoked_at = :now
                        where tenant_id = :tenant and id = :id and revoked_at is null
                        """)
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    /** Revokes the tenant's active keys of this name but the one given (an environment key replaced at restart). */
    public int revokeNamedExcept(TenantId tenant, String name, String digest, Instant now) {
        return jdbc.sql("""
                        update api_key set revoked_at = :now
                        where tenant_id = :tenant and name = :name and key_hash <> :hash and revoked_at is null
                        """)
                .param("tenant", tenant.value())
                .param("name", name)
                .param("hash", digest)
                .param("now", Timestamp.from(now))
                .update();
    }

    public int countActive(TenantId tenant) {
        return jdbc.sql("""
                        select count(*) from api_key
                        where tenant_id = :tenant and revoked_at is null
                        """)
                .param("tenant", tenant.value())
                .query(Integer.class)
                .single();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("name"),
                rs.getString("key_prefix"),
                Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
