package dev.grounded.ui;

import dev.grounded.tenant.LoginThrottle;
import dev.grounded.tenant.UserAccountService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's two checks around a session. A sign-in (POST /login) of a user name, or from an address, that failed
 * too often is refused before the password is looked at, with how long to wait. A signed-in session whose user was
 * removed, got another role or had the password reset since it began (on any instance: the database says) ends at its
 * next request, and the user sees the sign-in page.
 */
final class SignInGuard extends OncePerRequestFilter {

    static final String EPOCH = SignInGuard.class.getName() + ".epoch";
    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

    private final LoginThrottle throttle;
    private final UserAccountService users;
    private final SecurityContextHolderStrategy contexts;

    SignInGuard(LoginThrottle throttle, UserAccountService users, SecurityContextHolderStrategy contexts) {
        this.throttle = throttle;
        this.users = users;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The path as the client wrote it, whichever servlet it is mapped to.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && "/login".equals(path)) {
            Optional<Duration> blocked = throttle.blocked(request.getParameter("username"), request.getRemoteAddr());
            if (blocked.isPresent()) {
                long seconds = Math.max(1, blocked.get().toSeconds());
                response.sendRedirect(request.getContextPath() + "/login?blocked=" + seconds);
                return;
            }
        }
        // Static resources do nothing for a user: a page's fifty of them need not each ask the database.
        Authentication authentication = contexts.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null
                && !path.startsWith("/VAADIN/")
                && authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            int current = users.sessionEpoch(authentication.getName());
            Object started = session.getAttribute(EPOCH);
            if (started == null && current >= 0) {
                session.setAttribute(EPOCH, current);
            } else if (current < 0 || !Integer.valueOf(current).equals(started)) {
                log.info(
                        "Session of {} ended: the user was removed, got another role or a new password",
                        authentication.getName());
                session.invalidate();
                contexts.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
