package dev.grounded.tenant.internal;

import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The console's users (app_user): who they are, their tenant and role, and their password's hash. */
@Repository
public class UserAccounts {

    /** What signing in checks. */
    public record Credentials(String username, String passwordHash, Role role) {}

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UserAccount user, String passwordHash, Instant createdAt) {
        jdbc.sql("""
                        insert into app_user (username, password_hash, tenant_id, role, created_at)
                        values (:username, :hash, :tenant, :role, :createdAt)
                        """)
                .param("username", user.username())
                .param("hash", passwordHash)
                .param("tenant", user.tenantId().value())
                .param("role", user.role().name())
                .param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    public Optional<UserAccount> find(String username) {
        return jdbc.sql("""
                        select username, tenant_id, role from app_user
                        where username = :username
                        """)
                .param("username", username)
                .query(UserAccounts::map)
                .optional();
    }

    public List<UserAccount> ofTenant(TenantId tenant) {
        return jdbc.sql("""
                        select username, tenant_id, role from app_user
                        where tenant_id = :tenant
                        order by username
                        """)
                .param("tenant", tenant.value())
                .query(UserAccounts::map)
                .list();
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("""
                        select username, password_hash, role from app_user
                        where username = :username
                        """)
                .param("username", username)
                .query((rs, n) -> new Credentials(
                        rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role"))))
                .optional();
    }

    public boolean delete(TenantId tenant, String username) {
        return jdbc.sql("""
                        delete from app_user
                        where tenant_id = :tenant and username = :username
                        """)
                        .param("tenant", tenant.value())
                        .param("username", username)
                        .update()
                > 0;
    }

    /** Raised when a role changes or a password is reset: the user's sessions opened before end. */
    public int sessionEpoch(String username) {
        return jdbc.sql("select session_epoch from app_user where username = :username")
                .param("username", username)
                .query(Integer.class)
                .optional()
                .orElse(-1);
    }

    public boolean updatePassword(String username, String passwordHash, boolean endSessions, Instant now) {
        return jdbc.sql("""
                        update app_user
                        set password_hash = :hash, password_changed_at = :now,
                            session_epoch = session_epoch + :raise
                        where username = :username
                        """)
                        .param("username", username)
                        .param("hash", passwordHash)
                        .param("now", Timestamp.from(now))
                        .param("raise", endSessions ? 1 : 0)
                        .update()
                > 0;
    }

    public boolean updateRole(TenantId tenant, String username, Role role) {
        return jdbc.sql("""
                        update app_user set role = :role, session_epoch = session_epoch + 1
                        where tenant_id = :tenant and username = :username and role <> :role
                        """)
                        .param("tenant", tenant.value())
                        .param("username", username)
                        .param("role", role.name())
                        .update()
                > 0;
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getString("username"), TenantId.of(rs.getString("tenant_id")), Role.valueOf(rs.getString("role")));
    }
}
