package dev.grounded.tenant;

import dev.grounded.tenant.internal.UserAccounts;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.access.AccessDeniedException;
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

    private final Permissions permissions;

    UserAccountService(UserAccounts accounts, PasswordEncoder passwordEncoder, Clock clock, Permissions permissions) {
        this.permissions = permissions;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** A user with the password given: the installation's own (start-up) or its operator's (a new tenant's admin). */
    public UserAccount create(String username, String rawPassword, TenantId tenant, Role role) {
        permissions.requireInstallation(Permission.MANAGE_TENANTS);
        return insert(username, rawPassword, tenant, role);
    }

    private UserAccount insert(String username, String rawPassword, TenantId tenant, Role role) {
        UserAccount user = new UserAccount(username, tenant, role);
        accounts.insert(user, passwordEncoder.encode(rawPassword), clock.instant());
        return user;
    }

    public Optional<UserAccount> find(String username) {
        return accounts.find(username);
    }

    /** A user invited by an admin, with the password to hand them; it is shown once and stored only hashed. */
    public record Invitation(UserAccount user, String password) {}

    /** The sign-in's generation: a session opened under another one has ended; -1 when the user is gone. */
    public int sessionEpoch(String username) {
        return accounts.sessionEpoch(username);
    }

    /**
     * The signed-in user changes their own password; their other sessions stay open (it is them).
     *
     * @throws IllegalArgumentException when the current password is wrong or the new one too weak
     */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        Caller caller = permissions
                .current()
                .filter(c -> !c.name().startsWith("key:"))
                .orElseThrow(() -> new AccessDeniedException("Only a signed-in user changes their password"));
        String hash = accounts.credentials(caller.name())
                .map(UserAccounts.Credentials::passwordHash)
                .orElseThrow(() -> new AccessDeniedException("No such user"));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, hash)) {
            throw new IllegalArgumentException("The current password is not right");
        }
        checkStrength(caller.name(), newPassword);
        accounts.updatePassword(caller.name(), passwordEncoder.encode(newPassword), false, clock.instant());
    }

    /**
     * An admin gives a user of their tenant a new generated password (shown once); the user's open sessions end.
     *
     * @return empty when the tenant has no such user
     */
    @Transactional
    public Optional<Invitation> resetPassword(TenantId tenant, String username) {
        permissions.require(tenant, Permission.MANAGE_USERS);
        Optional<UserAccount> user = find(username).filter(u -> u.tenantId().equals(tenant));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String password = generatedPassword();
        accounts.updatePassword(username, passwordEncoder.encode(password), true, clock.instant());
        return Optional.of(new Invitation(user.get(), password));
    }

    /**
     * An admin changes a user's role; the user's open sessions end, so the new role counts from their next request.
     * The tenant keeps at least one admin.
     */
    @Transactional
    public Optional<UserAccount> changeRole(TenantId tenant, String username, Role role) {
        permissions.require(tenant, Permission.MANAGE_USERS);
        if (role == Role.OPERATOR) {
            permissions.requireInstallation(Permission.MANAGE_TENANTS);
        }
        Optional<UserAccount> user = find(username).filter(u -> u.tenantId().equals(tenant));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (user.get().role().administers()
                && !role.administers()
                && accounts.ofTenant(tenant).stream()
                                .filter(u -> u.role().administers())
                                .count()
                        == 1) {
            throw new IllegalStateException("This is the tenant's last admin: make another user admin first");
        }
        if (user.get().role() == Role.OPERATOR && role != Role.OPERATOR) {
            permissions.requireInstallation(Permission.MANAGE_TENANTS);
        }
        accounts.updateRole(tenant, username, role);
        return find(username);
    }

    private static void checkStrength(String username, String password) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("A password has at least 12 characters");
        }
        if (password.length() > 200) {
            throw new IllegalArgumentException("A password has at most 200 characters");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new IllegalArgumentException("A password must not be the user name");
        }
    }

    private static String generatedPassword() {
        byte[] secret = new byte[15];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The tenant's users, by name. */
    public List<UserAccount> list(TenantId tenant) {
        permissions.require(tenant, Permission.MANAGE_USERS);
        return accounts.ofTenant(tenant);
    }

    /**
     * An admin adds a user to their tenant with a generated password.
     *
     * @throws IllegalArgumentException when the name is not usable or already taken (in any tenant)
     */
    @Transactional
    public Invitation invite(TenantId tenant, String username, Role role) {
        permissions.require(tenant, Permission.MANAGE_USERS);
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "A user name is 3 to 100 letters, digits, dots, dashes, underscores or @, like ana.garcia");
        }
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("The user name " + name + " is taken");
        }
        if (role == Role.OPERATOR) {
            permissions.requireInstallation(Permission.MANAGE_TENANTS);
        }
        String password = generatedPassword();
        return new Invitation(insert(name, password, tenant, role), password);
    }

    /**
     * Removes a user of the tenant; false when there is none by that name. The last admin cannot be removed: nobody
     * could manage the tenant's users then.
     */
    @Transactional
    public boolean remove(TenantId tenant, String username) {
        permissions.require(tenant, Permission.MANAGE_USERS);
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
