package dev.grounded.ui.accounts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.grounded.tenant.Tenant;
import dev.grounded.tenant.TenantOnboarding;
import dev.grounded.tenant.TenantService;
import dev.grounded.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The platform operator's page: the installation's tenants, and a new one with its first admin, whose password is
 * shown once. What happens inside a tenant stays its own: the operator works only in their own tenant elsewhere.
 */
@Route("tenants")
@PageTitle("Tenants · Grounded")
@RolesAllowed("OPERATOR")
public class TenantsView extends VerticalLayout {

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private final TenantService tenants;
    private final TenantOnboarding onboarding;
    private final Grid<Tenant> grid = new Grid<>();
    private final TextField id = new TextField("Tenant id");
    private final TextField name = new TextField("Business name");
    private final TextField admin = new TextField("First admin's user name");
    private final List<TextField> fields = List.of(id, name, admin);

    public TenantsView(TenantService tenants, TenantOnboarding onboarding) {
        this.tenants = tenants;
        this.onboarding = onboarding;

        id.setId("new-tenant-id");
        id.setPlaceholder("acme-shoes");
        id.setHelperText("Lower-case letters, digits and dashes; it appears in API paths and cannot change");
        id.setAllowedCharPattern("[a-z0-9-]");
        id.setMaxLength(63);
        name.setId("new-tenant-name");
        name.setPlaceholder("Acme Shoes");
        name.setMaxLength(200);
        admin.setId("new-tenant-admin");
        admin.setPlaceholder("ana.garcia");
        admin.setMaxLength(100);
        Button create = new Button("Create tenant", VaadinIcon.PLUS.create(), click -> create());
        create.setId("new-tenant-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(id, name, admin, create);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);

        grid.setId("tenants");
        grid.addColumn(t -> t.id().value()).setHeader("Id").setAutoWidth(true);
        grid.addColumn(Tenant::name).setHeader("Business").setFlexGrow(1);
        grid.addColumn(t -> CREATED.format(t.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.setAllRowsVisible(true);

        add(
                new H2("Tenants"),
                new Paragraph("Each business has its own knowledge, conversations, settings and users. Its first"
                        + " admin signs in with the password shown once, and adds the rest of the team."),
                form,
                grid);
        refresh();
    }

    private void create() {
        fields.forEach(field -> {
            field.setErrorMessage("Required");
            field.setInvalid(field.isEmpty());
        });
        if (fields.stream().anyMatch(TextField::isInvalid)) {
            return;
        }
        try {
            TenantOnboarding.Onboarded opened = onboarding.open(id.getValue(), name.getValue(), admin.getValue());
            refresh();
            fields.forEach(TextField::clear);
            PasswordDialog.show(
                    opened.admin(),
                    opened.tenant().name() + " is open: "
                            + opened.admin().user().username() + " can sign in");
        } catch (IllegalArgumentException e) {
            Notifications.error(e.getMessage() + ". Nothing was created.");
        }
    }

    private void refresh() {
        grid.setItems(tenants.list());
    }
}
