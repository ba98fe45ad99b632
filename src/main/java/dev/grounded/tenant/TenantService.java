package dev.grounded.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class TenantService {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantService(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Creates the tenant; returns empty when it already exists (another instance may have won the race). */
    @Transactional
    public Optional<Tenant> create(TenantId id, String name, boolean demo) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                        insert into tenant (id, name, created_at)
                        select :id, :name, :createdAt
                        where not exists (select 1 from tenant where id = :id)
                        """)
                .param("id", id.value())
                .param("name", name)
                .param("createdAt", Timestamp.from(now))
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        events.publishEvent(new TenantCreated(id, demo));
        return Optional.of(new Tenant(id, name, now));
    }

    /** Every tenant of the installation, newest first: for the platform operator. */
    public List<Tenant> list() {
        return jdbc.sql("select id, name, created_at from tenant order by created_at desc, id")
                .query(TenantService::map)
                .list();
    }

    public Optional<Tenant> find(TenantId id) {
        return jdbc.sql("select id, name, created_at from tenant where id = :id")
                .param("id", id.value())
                .query(TenantService::map)
                .optional();
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(
                TenantId.of(rs.getString("id")),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant());
    }
}
