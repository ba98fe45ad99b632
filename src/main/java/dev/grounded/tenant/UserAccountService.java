package dev.grounded.tenant;

import dev.grounded.tenant.internal.UserAccounts;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserAccountService {

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{3,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccounts accounts;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    UserAccountService(UserAccounts accounts, PasswordEncoder passwordEncoder, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    public UserAccount create(String username, String rawPassword, TenantId tenant, Role role) {
        UserAccount user = new UserAccount(username, tenant, role);
        accounts.insert(user, passwordEncoder.encode(rawPassword), clock.instant());
        return user;
    }

    public Optional<UserAccount> find(String username) {
        return accounts.find(username);
    }

    /** A user invited by an admin, with the password to hand them; it is shown once and stored only hashed. */
    public record Invitation(UserAccount user, String password) {}

    /** The tenant's users, by name. */
    public List<UserAccount> list(TenantId tenant) {
        return accounts.ofTenant(tenant);
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
        return accounts.delete(tenant, username);
    }
}
