package dev.grounded.tenant.internal;

import dev.grounded.tenant.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class JdbcUserDetailsService implements UserDetailsService {

    private final JdbcClient jdbc;

    JdbcUserDetailsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, role from app_user where username = :username")
                .param("username", username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(roles(Role.valueOf(rs.getString("role"))))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    /** An operator is an admin of their own tenant as well: every admin check lets them through. */
    private static String[] roles(Role role) {
        return role == Role.OPERATOR ? new String[] {"OPERATOR", "ADMIN"} : new String[] {role.name()};
    }
}
