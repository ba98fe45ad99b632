package dev.grounded.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * A service that refuses the user's role (a button the view should not have shown, a role changed meanwhile) says so
 * in the console instead of failing silently; every other error is Vaadin's to handle.
 */
@Component
@ConditionalOnWebApplication
class ConsoleErrors implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        DefaultErrorHandler fallback = new DefaultErrorHandler();
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler((ErrorEvent error) -> {
            for (Throwable cause = error.getThrowable(); cause != null; cause = cause.getCause()) {
                if (cause instanceof AccessDeniedException denied && UI.getCurrent() != null) {
                    Notifications.error(denied.getMessage());
                    return;
                }
            }
            fallback.error(error);
        }));
    }
}
