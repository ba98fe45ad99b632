package dev.grounded.tenant;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
public class UserAccountService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    UserAccountService(JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    public UserAccount create(String username, String rawPassword, TenantId tenant, Role role) {
        jdbc.sql("""
                        insert into app_user (username, password_hash, tenant_id, role, created_at)
                        values (:username, :hash, :tenant, :role, :createdAt)
                        """)
                .param("username", username)
                .param("hash", passwordEncoder.encode(rawPassword))
                .param("tenant", tenant.value())
                .param("role", role.name())
                .param("createdAt", Timestamp.from(clock.instant()))
                .update();
        return new UserAccount(username, tenant, role);
    }

    public Optional<UserAccount> find(String username) {
        return jdbc.sql("select username, tenant_id, role from app_user where username = :username")
                .param("username", username)
                .query((rs, n) -> new UserAccount(
                        rs.getString("username"),
                        TenantId.of(rs.getString("tenant_id")),
                        Role.valueOf(rs.getString("role"))))
                .optional();
    }
}
