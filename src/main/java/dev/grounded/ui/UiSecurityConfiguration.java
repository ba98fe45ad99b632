package dev.grounded.ui;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Form login for the web console; everything but the login page and health needs a signed-in user. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class UiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain uiSecurityFilterChain(HttpSecurity http) throws Exception {
        // /error renders API errors as JSON: it must never redirect an API client to the login page. The style sheet
        // is loaded by the login page too: behind the login it would become the page to return to after signing in.
        http.authorizeHttpRequests(
                a -> a.requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/grounded.css")
                        .permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
