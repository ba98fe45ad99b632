package dev.grounded.ui.accounts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.grounded.tenant.ApiKey;
import dev.grounded.tenant.ApiKeyService;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The tenant's API keys: each made for one integration with a name and the role it acts in, its text shown once,
 * listed by its first characters with when it was last used, rotated (a new text, the old one dead at once) or
 * revoked.
 */
@Route("api-keys")
@PageTitle("API keys · Grounded")
@RolesAllowed("ADMIN")
public class ApiKeysView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApiKeyService keys;
    private final TenantId tenant;
    private final Grid<ApiKey> grid = new Grid<>();

    public ApiKeysView(ApiKeyService keys, CurrentTenant currentTenant) {
        this.keys = keys;
        this.tenant = currentTenant.id();

        TextField name = new TextField("Name");
        name.setId("new-key-name");
        name.setPlaceholder("CRM sync");
        name.setMaxLength(100);
        Select<Role> role = new Select<>();
        role.setId("new-key-role");
        role.setLabel("Acts as");
        role.setItems(List.of(Role.ADMIN, Role.AGENT, Role.QA));
        role.setItemLabelGenerator(UsersView::describe);
        role.setValue(Role.ADMIN);
        Button create = new Button("Create key", VaadinIcon.KEY.create(), click -> {
            try {
                var issued = keys.create(tenant, name.getValue(), role.getValue());
                name.clear();
                name.setInvalid(false);
                refresh();
                showOnce(issued, "Key " + issued.key().name() + " created");
            } catch (IllegalArgumentException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.getMessage());
            }
        });
        create.setId("new-key-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, role, create);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);

        grid.setId("api-keys");
        grid.addColumn(ApiKey::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(k -> k.prefix() + "…").setHeader("Key").setAutoWidth(true);
        grid.addColumn(k -> UsersView.describe(k.role())).setHeader("Acts as").setAutoWidth(true);
        grid.addColumn(k -> time(k.createdAt()) + (k.createdBy() == null ? "" : " by " + k.createdBy()))
                .setHeader("Created")
                .setFlexGrow(2);
        grid.addColumn(k -> k.lastUsedAt() == null ? "never" : time(k.lastUsedAt()))
                .setHeader("Last used")
                .setAutoWidth(true);
        grid.addColumn(k -> k.active() ? "active" : "revoked " + time(k.revokedAt()))
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);

        add(
                new H2("API keys"),
                new Paragraph("A key lets another system use the REST API as this business (Authorization: Bearer"
                        + " <key>). Give each integration its own key with the least role it needs; its text is"
                        + " shown once, when it is made. Rotate a key to replace it, revoke it to stop it at once."),
                form,
                grid);
        refresh();
    }

    private Component actions(ApiKey key) {
        if (!key.active()) {
            return new HorizontalLayout();
        }
        Button rotate = new Button(
                "Rotate",
                VaadinIcon.REFRESH.create(),
                click -> Confirm.ask(
                        "Rotate " + key.name() + "?",
                        "A new key replaces it; the old one stops working now. Put the new key where the old one was.",
                        "Rotate",
                        () -> {
                            keys.rotate(tenant, key.id())
                                    .ifPresentOrElse(
                                            issued -> showOnce(issued, "Key " + key.name() + " rotated"),
                                            () -> Notifications.error("The key " + key.name() + " is revoked already"));
                            refresh();
                        }));
        rotate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        rotate.addClassName("key-rotate");
        Button revoke = new Button(
                VaadinIcon.BAN.create(),
                click -> Confirm.destructive(
                        "Revoke " + key.name() + "?",
                        "It stops working now; whatever uses it gets 401 from its next request.",
                        "Revoke",
                        () -> {
                            keys.revoke(tenant, key.id());
                            refresh();
                        }));
        revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        revoke.addClassName("key-revoke");
        revoke.setAriaLabel("Revoke " + key.name());
        revoke.setTooltipText("Revoke");
        return new HorizontalLayout(rotate, revoke);
    }

    private static void showOnce(ApiKeyService.IssuedKey issued, String title) {
        Dialog shown = new Dialog();
        shown.setHeaderTitle(title);
        Paragraph secret = new Paragraph(issued.secret());
        secret.setId("new-key-secret");
        secret.getStyle()
                .set("font-family", "monospace")
                .set("word-break", "break-all")
                .set("user-select", "all");
        shown.add(new Paragraph("Copy it now: it is not shown again, and not stored in a readable form."), secret);
        Button done = new Button("Done", click -> shown.close());
        done.setId("new-key-done");
        shown.getFooter().add(done);
        shown.open();
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private void refresh() {
        grid.setItems(keys.list(tenant));
    }
}
