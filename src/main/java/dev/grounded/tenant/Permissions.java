package dev.grounded.tenant;

import dev.grounded.tenant.internal.UserAccounts;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * The one place a caller's permission within a tenant is checked; every service method a user or an API key can
 * reach asks it first. A console user's role and tenant are read from the database at each check, so a changed role
 * or a removed user counts at once on every instance. A thread with no authentication at all is the application's own
 * work (a queue worker, start-up, an event handler): every HTTP request carries one, anonymous at least.
 */
@Component
public class Permissions {

    /** Bound while the application works on its own account inside a user's request. */
    private static final ThreadLocal<Boolean> APPLICATION = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final UserAccounts users;
    private final ObjectProvider<SecurityContextHolderStrategy> strategy;

    public Permissions(UserAccounts users, ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.users = users;
        this.strategy = strategy;
    }

    /**
     * @throws AccessDeniedException when the caller is not of this tenant or its role lacks the permission
     */
    public void require(TenantId tenant, Permission permission) {
        if (!allows(tenant, permission)) {
            throw new AccessDeniedException("Your role may not do this ("
                    + permission.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
    }

    public boolean allows(TenantId tenant, Permission permission) {
        Authentication authentication = contexts().getContext().getAuthentication();
        if (authentication == null || APPLICATION.get()) {
            return true;
        }
        return caller(authentication)
                .filter(c -> c.tenant().equals(tenant) && c.role().may(permission))
                .isPresent();
    }

    /**
     * @throws AccessDeniedException when the caller lacks the permission, whatever the tenant (the operator's)
     */
    public void requireInstallation(Permission permission) {
        Authentication authentication = contexts().getContext().getAuthentication();
        if (authentication != null
                && !APPLICATION.get()
                && caller(authentication).filter(c -> c.role().may(permission)).isEmpty()) {
            throw new AccessDeniedException("Only the installation's operator may do this");
        }
    }

    /** Who is signed in (or which key is calling), as they are now; empty for anonymous and the application itself. */
    public Optional<Caller> current() {
        Authentication authentication = contexts().getContext().getAuthentication();
        return authentication == null || APPLICATION.get() ? Optional.empty() : caller(authentication);
    }

    /**
     * Runs work the application does on its own account within a user's request (seeding a new tenant's demo
     * knowledge when an operator creates it).
     */
    public <T> T asApplication(Supplier<T> work) {
        // A flag of its own rather than an emptied security context: in a console request Vaadin's strategy would
        // find the signed-in user in the session again.
        boolean outer = APPLICATION.get();
        APPLICATION.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            APPLICATION.set(outer);
        }
    }

    private Optional<Caller> caller(Authentication authentication) {
        if (authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof Caller key) {
            return Optional.of(key);
        }
        return users.find(authentication.getName()).map(u -> new Caller(u.tenantId(), u.username(), u.role()));
    }

    private SecurityContextHolderStrategy contexts() {
        return strategy == null
                ? SecurityContextHolder.getContextHolderStrategy()
                : strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }
}
