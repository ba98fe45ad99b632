package dev.grounded.tenant.internal;

import dev.grounded.tenant.Tenant;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant table. */
@Repository
public class Tenants {

    private final JdbcClient jdbc;

    Tenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a tenant by that id exists already. */
    public boolean insertIfAbsent(Tenant tenant) {
        return jdbc.sql("""
                        insert into tenant (id, name, created_at)
                        select :id, :name, :createdAt
                        where not exists (select 1 from tenant where id = :id)
                        """)
                        .param("id", tenant.id().value())
                        .param("name", tenant.name())
                        .param("createdAt", Timestamp.from(tenant.createdAt()))
                        .update()
                > 0;
    }

    public List<Tenant> newestFirst() {
        return jdbc.sql("""
                        select id, name, created_at from tenant
                        order by created_at desc, id
                        """).query(Tenants::map).list();
    }

    public Optional<Tenant> find(TenantId id) {
        return jdbc.sql("""
                        select id, name, created_at from tenant
                        where id = :id
                        """).param("id", id.value()).query(Tenants::map).optional();
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(
                TenantId.of(rs.getString("id")),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant());
    }
}
