package dev.grounded.tenant.internal;

import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Checks every REST endpoint's {@link Requires} before its handler runs; one without it answers 403 to everyone. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RequiredPermissions implements WebMvcConfigurer, HandlerInterceptor {

    private final Permissions permissions;

    RequiredPermissions(Permissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Requires requires = method.getMethodAnnotation(Requires.class);
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object tenant = variables instanceof Map<?, ?> map ? map.get("tenant") : null;
        if (requires == null || !(tenant instanceof String id)) {
            throw new AccessDeniedException("This endpoint declares no permission");
        }
        permissions.require(TenantId.of(id), requires.value());
        return true;
    }
}
