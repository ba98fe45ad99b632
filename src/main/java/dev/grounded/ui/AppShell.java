package dev.grounded.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Server pushes go over a WebSocket; what the browser sends comes as ordinary requests ({@code WEBSOCKET_XHR}), so
 * every click passes the security filters, and a session that was ended is refused at once.
 */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("grounded.css")
@Push(transport = Transport.WEBSOCKET_XHR)
@PWA(name = "Grounded", shortName = "Grounded")
public class AppShell implements AppShellConfigurator {

    /** The sign-in form reads the CSRF token from these tags and sends it with the user name and password. */
    @Override
    public void configurePage(AppShellSettings settings) {
        if (settings.getRequest().getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            settings.addMetaTag("_csrf_parameter", token.getParameterName());
            settings.addMetaTag("_csrf", token.getToken());
        }
    }
}
