package dev.grounded.tenant;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserAccountService {

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{3,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** A user invited by an admin, with the password to hand them; it is shown once and stored only hashed. */
    public record Invitation(UserAccount user, String password) {}

    /** The tenant's users, by name. */
    public List<UserAccount> list(TenantId tenant) {
        return jdbc.sql("select username, tenant_id, role from app_user where tenant_id = :tenant order by username")
                .param("tenant", tenant.value())
                .query((rs, n) -> new UserAccount(
                        rs.getString("username"),
                        TenantId.of(rs.getString("tenant_id")),
                        Role.valueOf(rs.getString("role"))))
                .list();
    }

    /**
     * An admin adds a user to their tenant with a generated password.
     *
     * @throws IllegalArgumentException when the name is not usable or already taken (in any tenant)
     */
    @Transactional
    public Invitation invite(TenantId tenant, String username, Role role) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "A user name is 3 to 100 letters, digits, dots, dashes, underscores or @, like ana.garcia");
        }
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("The user name " + name + " is taken");
        }
        byte[] secret = new byte[15];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Invitation(create(name, password, tenant, role), password);
    }

    /**
     * Removes a user of the tenant; false when there is none by that name. The last admin cannot be removed: nobody
     * could manage the tenant's users then.
     */
    @Transactional
    public boolean remove(TenantId tenant, String username) {
        Optional<UserAccount> user = find(username).filter(u -> u.tenantId().equals(tenant));
        if (user.isEmpty()) {
            return false;
        }
        if (user.get().role().administers()
                && list(tenant).stream().filter(u -> u.role().administers()).count() == 1) {
            throw new IllegalStateException("This is the tenant's last admin: make another user admin first");
        }
        return jdbc.sql("delete from app_user where tenant_id = :tenant and username = :username")
                        .param("tenant", tenant.value())
                        .param("username", username)
                        .update()
                > 0;
    }
}
