package dev.grounded.tenant.internal;

import dev.grounded.tenant.ApiKeyService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} as the key's tenant. A request without the header goes on
 * unauthenticated (and is refused by authorization); a wrong key is refused here.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyService apiKeys;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts;

    /**
     * @param contexts the strategy the rest of this security filter chain uses; Vaadin installs its own, so the
     *     filter must not assume the JVM-wide default
     */
    ApiKeyAuthenticationFilter(
            ApiKeyService apiKeys, AuthenticationEntryPoint entryPoint, SecurityContextHolderStrategy contexts) {
        this.apiKeys = apiKeys;
        this.entryPoint = entryPoint;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        var caller = apiKeys.authenticate(header.substring(BEARER.length()).trim());
        if (caller.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
            return;
        }
        var context = contexts.createEmptyContext();
        context.setAuthentication(new PreAuthenticatedAuthenticationToken(
                caller.get(), null, List.of(new SimpleGrantedAuthority("ROLE_API"))));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
