package dev.grounded.ui.settings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.grounded.channel.ChannelConnection;
import dev.grounded.channel.ChannelConnections;
import dev.grounded.channel.ConnectionDraft;
import dev.grounded.channel.MessageTemplate;
import dev.grounded.channel.Provider;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.Notifications;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tenant's WhatsApp numbers: each with the webhook URL to paste into its provider's console, secrets shown masked
 * (an edit that leaves a secret empty keeps it), and for WAHA the session's controls, status and QR code to link a
 * phone.
 */
class ConnectionsPanel extends VerticalLayout {

    private final ChannelConnections connections;
    private final TenantId tenant;
    private final VerticalLayout list = new VerticalLayout();

    ConnectionsPanel(ChannelConnections connections, TenantId tenant) {
        this.connections = connections;
        this.tenant = tenant;
        setPadding(false);
        Button add = new Button("Add a WhatsApp number", VaadinIcon.PLUS.create(), click -> edit(null));
        add.setId("connection-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        list.setId("connections");
        list.setPadding(false);
        add(
                new Paragraph("Customers write to these numbers. Paste each webhook URL into the provider's console"
                        + " (Meta: WhatsApp › Configuration; Twilio: the sender's webhook; WAHA is configured"
                        + " for you when its session starts)."),
                add,
                list);
        refresh();
    }

    private void refresh() {
        list.removeAll();
        List<ChannelConnection> all = connections.list(tenant);
        if (all.isEmpty()) {
            Paragraph empty = new Paragraph("No WhatsApp number yet: add one to start answering customers.");
            empty.setId("connections-empty");
            list.add(empty);
        }
        all.forEach(connection -> list.add(card(connection)));
    }

    private Component card(ChannelConnection connection) {
        VerticalLayout card = new VerticalLayout();
        card.addClassName("connection-card");
        card.setId("connection-" + connection.id().value());
        H3 title = new H3(connection.name() + " · " + label(connection.provider()));
        Div facts = new Div();
        facts.addClassName("facts");
        connection.identifiers().forEach((key, value) -> facts.add(fact(key, value)));
        connection.secrets().forEach((key, value) -> facts.add(fact(key, value)));
        card.add(title, facts, copyable("Webhook URL", connection.webhookUrl(), "webhook-url"));
        if (connection.statusCallbackUrl() != null) {
            card.add(copyable("Status callback URL", connection.statusCallbackUrl(), "status-url"));
        }
        if (connection.provider() == Provider.WAHA) {
            card.add(session(connection));
        } else {
            card.add(templates(connection));
        }
        Button edit = new Button("Edit", VaadinIcon.EDIT.create(), click -> edit(connection));
        edit.addClassName("connection-edit");
        Button delete = new Button("Delete", VaadinIcon.TRASH.create(), click -> confirmDelete(connection));
        delete.addClassName("connection-delete");
        delete.setAriaLabel("Delete " + connection.name());
        edit.setAriaLabel("Edit " + connection.name());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        card.add(new HorizontalLayout(edit, delete));
        return card;
    }

    /** Meta and Twilio only: WhatsApp Web, behind WAHA, has no 24-hour window and no templates. */
    private Component templates(ChannelConnection connection) {
        List<MessageTemplate> templates = connections.templates(tenant, connection.id());
        Span summary = new Span(
                templates.isEmpty()
                        ? "No approved templates: outside the 24-hour window agents cannot write to a customer."
                        : "Templates: "
                                + templates.stream()
                                        .map(t -> t.name() + " (" + t.language() + ")")
                                        .collect(Collectors.joining(", ")));
        summary.addClassName("templates-summary");
        Button edit = new Button(
                "Templates",
                VaadinIcon.FILE_TEXT_O.create(),
                click -> TemplatesDialog.open(connections, tenant, connection, this::refresh));
        edit.addClassName("connection-templates");
        edit.setAriaLabel("Templates of " + connection.name());
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout row = new HorizontalLayout(summary, edit);
        row.setAlignItems(Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private Component session(ChannelConnection connection) {
        Span status =
                new Span("Session: " + (connection.sessionStatus() == null ? "unknown" : connection.sessionStatus()));
        status.addClassName("session-status");
        HorizontalLayout controls = new HorizontalLayout(status);
        controls.setAlignItems(Alignment.BASELINE);
        controls.setWrap(true);
        for (String action : List.of("start", "restart", "stop")) {
            Button button = new Button(
                    Character.toUpperCase(action.charAt(0)) + action.substring(1),
                    click -> wahaCall(() -> connections.session(tenant, connection.id(), action)));
            button.addClassName("session-" + action);
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            controls.add(button);
        }
        Button refresh = new Button(
                VaadinIcon.REFRESH.create(),
                click -> wahaCall(() -> connections.refreshSession(tenant, connection.id())));
        refresh.setAriaLabel("Ask WAHA for the session's status");
        refresh.addClassName("session-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        controls.add(refresh);
        VerticalLayout box = new VerticalLayout(controls);
        box.setPadding(false);
        if ("SCAN_QR_CODE".equals(connection.sessionStatus())) {
            try {
                byte[] png = connections.qrCode(tenant, connection.id());
                Image qr = new Image(
                        "data:image/png;base64," + Base64.getEncoder().encodeToString(png), "QR code to link WhatsApp");
                qr.addClassName("session-qr");
                qr.setWidth("240px");
                box.add(
                        new Paragraph("On the business phone: WhatsApp › Linked devices › Link a device, and scan"
                                + " this code. Refresh the status once it is linked."),
                        qr);
            } catch (RuntimeException e) {
                box.add(new Paragraph("The QR code could not be fetched from WAHA: " + e.getMessage()));
            }
        }
        return box;
    }

    private void wahaCall(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // WAHA unreachable, refusing the key, or not configured for a public URL: the admin reads why.
            Notifications.error("WAHA: " + e.getMessage());
        }
        refresh();
    }

    private void edit(ChannelConnection current) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(current == null ? "Add a WhatsApp number" : "Edit " + current.name());
        dialog.setWidth("min(40em, 95vw)");
        Select<Provider> provider = new Select<>();
        provider.setId("connection-provider");
        provider.setLabel("Provider");
        provider.setItems(Provider.values());
        provider.setItemLabelGenerator(ConnectionsPanel::label);
        provider.setValue(current == null ? Provider.META : current.provider());
        provider.setReadOnly(current != null);
        TextField name = new TextField("Name");
        name.setId("connection-name");
        name.setPlaceholder("Support line");
        name.setValue(current == null ? "" : current.name());
        FormLayout fields = new FormLayout();
        Map<String, TextField> identifiers = new LinkedHashMap<>();
        Map<String, PasswordField> secrets = new LinkedHashMap<>();
        Runnable layoutFields = () -> {
            fields.removeAll();
            identifiers.clear();
            secrets.clear();
            for (String key : provider.getValue().identifiers()) {
                TextField field = new TextField(key);
                field.setId("connection-identifier-" + key);
                field.setRequired(true);
                if (current != null) {
                    field.setValue(current.identifiers().getOrDefault(key, ""));
                }
                identifiers.put(key, field);
                fields.add(field);
            }
            for (String key : provider.getValue().secrets()) {
                PasswordField field = new PasswordField(key);
                field.setId("connection-secret-" + key);
                field.setRequired(current == null);
                if (current != null) {
                    field.setPlaceholder("unchanged " + current.secrets().getOrDefault(key, ""));
                }
                secrets.put(key, field);
                fields.add(field);
            }
        };
        layoutFields.run();
        provider.addValueChangeListener(change -> layoutFields.run());
        Paragraph error = new Paragraph();
        error.setId("connection-error");
        error.addClassName("error-text");
        error.setVisible(false);
        dialog.add(new VerticalLayout(provider, name, fields, error));
        Button save = new Button("Save", click -> {
            Map<String, String> ids = new LinkedHashMap<>();
            identifiers.forEach((key, field) -> ids.put(key, field.getValue()));
            Map<String, String> keys = new LinkedHashMap<>();
            secrets.forEach((key, field) -> {
                if (!field.getValue().isBlank()) {
                    keys.put(key, field.getValue());
                }
            });
            try {
                ConnectionDraft draft = new ConnectionDraft(provider.getValue(), name.getValue(), ids, keys);
                if (current == null) {
                    connections.create(tenant, draft);
                } else {
                    connections.update(tenant, current.id(), draft);
                }
                dialog.close();
                refresh();
            } catch (IllegalArgumentException e) {
                error.setText(e.getMessage());
                error.setVisible(true);
            }
        });
        save.setId("connection-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    private void confirmDelete(ChannelConnection connection) {
        Confirm.destructive(
                "Delete " + connection.name() + "?",
                "Messages to this number are no longer received or answered. Its conversations stay in the inbox.",
                "Delete",
                () -> {
                    connections.delete(tenant, connection.id());
                    Notification.show(connection.name() + " deleted", 3000, Notification.Position.BOTTOM_START);
                    refresh();
                });
    }

    private static Component fact(String key, String value) {
        Span fact = new Span(new Span(key + ": "), new Span(value));
        fact.addClassName("fact");
        return fact;
    }

    private static Component copyable(String label, String value, String className) {
        TextField field = new TextField(label);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidthFull();
        field.addClassName(className);
        if (!value.startsWith("http")) {
            field.setHelperText("Set GROUNDED_PUBLIC_URL to the address the provider reaches this server at, and"
                    + " this becomes the full URL to paste.");
        }
        Button copy = new Button(VaadinIcon.COPY.create());
        copy.setAriaLabel("Copy " + label);
        copy.addClassName("copy");
        copy.addClickListener(click -> {
            copy.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value);
            Notification.show(label + " copied", 2000, Notification.Position.BOTTOM_START);
        });
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setAlignItems(Alignment.BASELINE);
        row.setWidthFull();
        return row;
    }

    static String label(Provider provider) {
        return switch (provider) {
            case META -> "Meta Cloud API";
            case TWILIO -> "Twilio";
            case WAHA -> "WAHA (self-hosted)";
        };
    }
}
