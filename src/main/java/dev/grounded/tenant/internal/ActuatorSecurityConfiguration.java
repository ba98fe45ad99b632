package dev.grounded.tenant.internal;

import dev.grounded.tenant.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator: health's status for everyone (load balancers, compose), its details and the Prometheus scrape for the
 * installation's operators, by HTTP Basic with their console user name and password. Stateless, and a name or an
 * address that keeps failing is held off as on the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ActuatorSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
        return http.securityMatcher("/actuator/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("Grounded operator"))
                .addFilterBefore(new Throttled(throttle), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), request -> true))
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole("OPERATOR"))
                .build();
    }

    /** Refuses Basic credentials of a name or from an address the sign-in throttle is holding off. */
    private static final class Throttled extends OncePerRequestFilter {

        private final LoginThrottle throttle;

        Throttled(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                String username = username(header.substring(6).trim());
                var blocked = throttle.blocked(username, request.getRemoteAddr());
                if (blocked.isPresent()) {
                    response.setHeader(
                            "Retry-After",
                            Long.toString(Math.max(1, blocked.get().toSeconds())));
                    response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
                    return;
                }
            }
            chain.doFilter(request, response);
        }

        private static String username(String encoded) {
            try {
                String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }
}
