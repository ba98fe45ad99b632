package dev.grounded.ui.accounts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.grounded.tenant.UserAccountService;

/** Any signed-in user changes their own password: the current one first, the new one twice. */
public final class ChangePasswordDialog {

    private ChangePasswordDialog() {}

    public static void open(UserAccountService users) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Change your password");
        PasswordField current = new PasswordField("Current password");
        current.setId("password-current");
        PasswordField fresh = new PasswordField("New password");
        fresh.setId("password-new");
        fresh.setHelperText("At least 12 characters");
        PasswordField repeat = new PasswordField("New password again");
        repeat.setId("password-repeat");
        Button save = new Button("Change", click -> {
            current.setInvalid(false);
            fresh.setInvalid(false);
            repeat.setInvalid(false);
            if (!fresh.getValue().equals(repeat.getValue())) {
                repeat.setInvalid(true);
                repeat.setErrorMessage("The two new passwords differ");
                return;
            }
            try {
                users.changeOwnPassword(current.getValue(), fresh.getValue());
                dialog.close();
                Notification.show("Your password is changed");
            } catch (IllegalArgumentException e) {
                var field = e.getMessage().startsWith("The current") ? current : fresh;
                field.setInvalid(true);
                field.setErrorMessage(e.getMessage());
            }
        });
        save.setId("password-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(current, fresh, repeat));
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }
}
