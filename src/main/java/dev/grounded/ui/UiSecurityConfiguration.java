package dev.grounded.ui;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.grounded.tenant.LoginThrottle;
import dev.grounded.tenant.UserAccountService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Form login for the web console; everything but the login page and health needs a signed-in user. The sign-in form
 * carries a CSRF token like every other form (Vaadin's own requests are protected by Vaadin's token), sign-ins back
 * off, and a session ends as soon as its user is removed or changed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class UiSecurityConfiguration {

    /**
     * What the console's pages may load: only this server. Vaadin evaluates the scripts it sends ({@code
     * 'unsafe-eval'}) and styles components inline; images may be data URLs (the QR code) or blobs.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain uiSecurityFilterChain(
            HttpSecurity http,
            RequestUtil vaadinRequests,
            LoginThrottle throttle,
            UserAccountService users,
            ObjectProvider<SecurityContextHolderStrategy> contextStrategy)
            throws Exception {
        var contexts = contextStrategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        // /error renders API errors as JSON: it must never redirect an API client to the login page. The style sheet
        // is loaded by the login page too: behind the login it would become the page to return to after signing in.
        http.authorizeHttpRequests(
                a -> a.requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/grounded.css")
                        .permitAll());
        // The API's description is for the tenant's admins (and integrators they hand it to).
        http.authorizeHttpRequests(
                a -> a.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .hasRole("ADMIN"));
        // Vaadin leaves the sign-in form without CSRF protection; here only its own requests are left to its token.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        http.addFilterBefore(new SignInGuard(throttle, users, contexts), UsernamePasswordAuthenticationFilter.class);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                        .enableCsrfConfiguration(false))
                .build();
    }
}
