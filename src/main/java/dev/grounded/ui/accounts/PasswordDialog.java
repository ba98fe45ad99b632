package dev.grounded.ui.accounts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import dev.grounded.tenant.UserAccountService;

/** Shows a new user's generated password, the one time it is shown. */
final class PasswordDialog {

    private PasswordDialog() {}

    static void show(UserAccountService.Invitation invitation, String title) {
        Dialog shown = new Dialog();
        shown.setHeaderTitle(title);
        Paragraph password = new Paragraph(invitation.password());
        password.setId("new-user-password");
        password.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-l)");
        shown.add(
                new Paragraph("User name: " + invitation.user().username()),
                new Paragraph("Hand them this password; it is not shown again."),
                password);
        Button done = new Button("Done", click -> shown.close());
        done.setId("new-user-done");
        shown.getFooter().add(done);
        shown.open();
    }
}
