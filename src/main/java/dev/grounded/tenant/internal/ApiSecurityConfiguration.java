package dev.grounded.tenant.internal;

import dev.grounded.tenant.ApiKeyService;
import dev.grounded.tenant.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * The REST API: stateless, authenticated by a tenant API key sent as {@code Authorization: Bearer <key>}, and a key
 * only reaches the URLs of its own tenant.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(
            HttpSecurity http, ApiKeyService apiKeys, ObjectProvider<SecurityContextHolderStrategy> contextStrategy)
            throws Exception {
        var contexts = contextStrategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        var unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
        return http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(apiKeys, unauthorized, contexts),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .authorizeHttpRequests(a -> a.requestMatchers("/api/v1/tenants/{tenant}/**")
                        .access(ownTenantOnly())
                        .anyRequest()
                        .denyAll())
                .build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> ownTenantOnly() {
        return (authentication, context) -> new AuthorizationDecision(authentication.get() != null
                && authentication.get().isAuthenticated()
                && authentication.get().getPrincipal() instanceof Caller caller
                && caller.tenant().value().equals(context.getVariables().get("tenant")));
    }
}
