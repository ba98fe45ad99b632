package dev.grounded.tenant.internal;

import dev.grounded.tenant.Role;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class UserAccountDetailsService implements UserDetailsService {

    private final UserAccounts accounts;

    UserAccountDetailsService(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.credentials(username)
                .map(user -> User.withUsername(user.username())
                        .password(user.passwordHash())
                        .roles(roles(user.role()))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    /** An operator is an admin of their own tenant as well: every admin check lets them through. */
    private static String[] roles(Role role) {
        return role == Role.OPERATOR ? new String[] {"OPERATOR", "ADMIN"} : new String[] {role.name()};
    }
}
