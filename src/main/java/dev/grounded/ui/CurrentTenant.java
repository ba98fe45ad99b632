package dev.grounded.ui;

import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.UserAccount;
import dev.grounded.tenant.UserAccountService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** The tenant of the signed-in user: every view works on it and on nothing else. */
@Component
@ConditionalOnWebApplication
public class CurrentTenant {

    private final AuthenticationContext authentication;
    private final UserAccountService users;

    CurrentTenant(AuthenticationContext authentication, UserAccountService users) {
        this.authentication = authentication;
        this.users = users;
    }

    public TenantId id() {
        return user().tenantId();
    }

    /** The signed-in user's name, as their messages to customers are signed. */
    public String username() {
        return user().username();
    }

    /** Whether the signed-in user's role may do this: what a view shows; the services check it again. */
    public boolean may(Permission permission) {
        return role().may(permission);
    }

    public Role role() {
        return user().role();
    }

    private UserAccount user() {
        return authentication
                .getPrincipalName()
                .flatMap(users::find)
                .orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }
}
