package dev.grounded.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.upload.FileRejectedEvent;

/** How the console tells a user that something did not work: in red, long enough to read the reason. */
public final class Notifications {

    private Notifications() {}

    public static void error(String message) {
        Notification notification = Notification.show(message, 8000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** A file the browser refused before uploading it (type or size), named with the reason. */
    public static void rejected(FileRejectedEvent event) {
        error(event.getFileName() + ": " + event.getErrorMessage());
    }
}
