package dev.grounded.ui.accounts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.UserAccount;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** An admin's team: who may sign in to this tenant and as what; new users get a password to hand over, shown once. */
@Route("users")
@PageTitle("Users · Grounded")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

    private final UserAccountService users;
    private final TenantId tenant;
    private final String me;
    private final Grid<UserAccount> grid = new Grid<>();

    public UsersView(UserAccountService users, CurrentTenant currentTenant) {
        this.users = users;
        this.tenant = currentTenant.id();
        this.me = currentTenant.username();

        TextField name = new TextField("User name");
        name.setId("new-user-name");
        name.setPlaceholder("ana.garcia");
        name.setMaxLength(100);
        Select<Role> role = new Select<>();
        role.setId("new-user-role");
        role.setLabel("Role");
        // Only an operator makes operators.
        List<Role> roles = currentTenant.role() == Role.OPERATOR
                ? List.of(Role.values())
                : List.of(Role.ADMIN, Role.AGENT, Role.QA);
        role.setItems(roles);
        role.setItemLabelGenerator(UsersView::describe);
        role.setValue(Role.AGENT);
        Button invite = new Button("Add user", VaadinIcon.PLUS.create(), click -> invite(name, role.getValue()));
        invite.setId("new-user-add");
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, role, invite);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);

        grid.setId("users");
        grid.addColumn(UserAccount::username).setHeader("User").setAutoWidth(true);
        grid.addComponentColumn(user -> roleSelect(user, roles))
                .setHeader("Role")
                .setFlexGrow(1);
        grid.addComponentColumn(this::resetButton).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::removeButton).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);

        add(
                new H2("Users"),
                new Paragraph("Agents answer customers in the inbox; QA runs evaluations and reads conversations but"
                        + " cannot write to customers; admins also manage knowledge, settings and users."),
                form,
                grid);
        refresh();
    }

    static String describe(Role role) {
        return switch (role) {
            case ADMIN -> "Admin";
            case AGENT -> "Agent";
            case QA -> "QA";
            case OPERATOR -> "Operator (admin; creates tenants)";
        };
    }

    private void invite(TextField name, Role role) {
        try {
            UserAccountService.Invitation invitation = users.invite(tenant, name.getValue(), role);
            name.clear();
            name.setInvalid(false);
            refresh();
            PasswordDialog.show(invitation, invitation.user().username() + " can sign in now");
        } catch (IllegalArgumentException e) {
            name.setInvalid(true);
            name.setErrorMessage(e.getMessage());
        }
    }

    /** A user's role, changed in place: their open sessions end, so the new role counts at once. */
    private Component roleSelect(UserAccount user, List<Role> roles) {
        if (user.username().equals(me) || !roles.contains(user.role())) {
            return new Span(describe(user.role()));
        }
        Select<Role> select = new Select<>();
        select.setItems(roles);
        select.setItemLabelGenerator(UsersView::describe);
        select.setValue(user.role());
        select.setAriaLabel("Role of " + user.username());
        select.addClassName("user-role");
        select.addValueChangeListener(change -> {
            if (!change.isFromClient() || change.getValue() == null) {
                return;
            }
            try {
                users.changeRole(tenant, user.username(), change.getValue());
                Notification.show(user.username() + " is " + describe(change.getValue()) + " now; their open"
                        + " sessions have ended");
            } catch (IllegalStateException | IllegalArgumentException e) {
                Notifications.error(e.getMessage());
            }
            refresh();
        });
        return select;
    }

    private Button resetButton(UserAccount user) {
        Button reset = new Button(
                VaadinIcon.KEY.create(),
                click -> Confirm.ask(
                        "Give " + user.username() + " a new password?",
                        "Their password stops working and their open sessions end; hand them the new one.",
                        "New password",
                        () -> users.resetPassword(tenant, user.username())
                                .ifPresent(p -> PasswordDialog.show(p, "New password of " + user.username()))));
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reset.addClassName("user-reset-password");
        reset.setAriaLabel("New password for " + user.username());
        reset.setTooltipText("New password");
        reset.setEnabled(!user.username().equals(me));
        return reset;
    }

    private Button removeButton(UserAccount user) {
        Button remove = new Button(VaadinIcon.TRASH.create(), click -> {
            Confirm.destructive(
                    "Remove " + user.username() + "?",
                    "They can no longer sign in; what they wrote to customers stays.",
                    "Remove",
                    () -> {
                        try {
                            users.remove(tenant, user.username());
                        } catch (IllegalStateException e) {
                            Notifications.error(e.getMessage());
                        }
                        refresh();
                    });
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove " + user.username());
        remove.setEnabled(!user.username().equals(me));
        return remove;
    }

    private void refresh() {
        grid.setItems(users.list(tenant));
    }
}
