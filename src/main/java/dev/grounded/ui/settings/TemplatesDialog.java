package dev.grounded.ui.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.grounded.channel.ChannelConnection;
import dev.grounded.channel.ChannelConnections;
import dev.grounded.channel.MessageTemplate;
import dev.grounded.channel.Provider;
import dev.grounded.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * A WhatsApp number's approved templates, the only messages agents may send outside the 24-hour window: entered as
 * approved in Meta's or Twilio's console, saved all at once (or, when one is invalid, none, with the reason).
 */
final class TemplatesDialog {

    /** One template's fields. */
    private record Row(
            FormLayout form,
            TextField name,
            TextField language,
            IntegerField parameters,
            TextArea body,
            TextField providerRef) {

        MessageTemplate template() {
            Integer count = parameters.getValue();
            return new MessageTemplate(
                    name.getValue().strip(),
                    language.getValue().strip(),
                    count == null ? 0 : count,
                    body.getValue().isBlank() ? null : body.getValue().strip(),
                    providerRef == null || providerRef.getValue().isBlank()
                            ? null
                            : providerRef.getValue().strip());
        }
    }

    private final ChannelConnections connections;
    private final TenantId tenant;
    private final ChannelConnection connection;
    private final Runnable saved;
    private final Dialog dialog = new Dialog();
    private final VerticalLayout rows = new VerticalLayout();
    private final List<Row> fields = new ArrayList<>();

    private TemplatesDialog(
            ChannelConnections connections, TenantId tenant, ChannelConnection connection, Runnable saved) {
        this.connections = connections;
        this.tenant = tenant;
        this.connection = connection;
        this.saved = saved;
    }

    static void open(ChannelConnections connections, TenantId tenant, ChannelConnection connection, Runnable saved) {
        new TemplatesDialog(connections, tenant, connection, saved).show();
    }

    private void show() {
        dialog.setHeaderTitle("Templates of " + connection.name());
        dialog.setWidth("min(50em, 95vw)");
        rows.setPadding(false);
        rows.setId("templates");
        connections.templates(tenant, connection.id()).forEach(this::addRow);
        Button add = new Button("Add a template", VaadinIcon.PLUS.create(), click -> addRow(null));
        add.setId("template-add");
        Paragraph error = new Paragraph();
        error.setId("templates-error");
        error.addClassName("error-text");
        error.setVisible(false);
        Paragraph help = new Paragraph(
                connection.provider() == Provider.TWILIO
                        ? "Enter each template as Twilio approved it, with its Content SID (HX…). Outside the 24-hour window"
                                + " agents can send only these."
                        : "Enter each template as Meta approved it: its name, language and body with {{1}}, {{2}}… for the"
                                + " parameters. Outside the 24-hour window agents can send only these.");
        help.addClassName("hint");
        dialog.add(new VerticalLayout(help, rows, add, error));
        Button save = new Button("Save", click -> {
            try {
                connections.replaceTemplates(
                        tenant,
                        connection.id(),
                        fields.stream().map(Row::template).toList());
                Notification.show(
                        "Templates of " + connection.name() + " saved", 3000, Notification.Position.BOTTOM_START);
                dialog.close();
                saved.run();
            } catch (IllegalArgumentException e) {
                error.setText("Not saved: " + e.getMessage());
                error.setVisible(true);
            }
        });
        save.setId("templates-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
        if (fields.isEmpty()) {
            addRow(null);
        }
    }

    private void addRow(MessageTemplate template) {
        TextField name = new TextField("Name");
        name.addClassName("template-name");
        name.setPlaceholder("order_update");
        name.setRequired(true);
        TextField language = new TextField("Language");
        language.addClassName("template-language");
        language.setPlaceholder("en_US");
        language.setRequired(true);
        IntegerField parameters = new IntegerField("Parameters");
        parameters.addClassName("template-parameters");
        parameters.setMin(0);
        parameters.setMax(20);
        parameters.setStepButtonsVisible(true);
        parameters.setValue(0);
        TextArea body = new TextArea("Body");
        body.addClassName("template-body");
        body.setPlaceholder("Hi {{1}}, we have an answer to your question. Reply to continue.");
        body.setMaxLength(1024);
        // The parameters are the placeholders the body uses: counted as it is typed.
        body.addValueChangeListener(change -> {
            if (change.isFromClient() && !change.getValue().isBlank()) {
                parameters.setValue(MessageTemplate.placeholders(change.getValue()));
            }
        });
        TextField providerRef = null;
        FormLayout form = new FormLayout(name, language, parameters);
        if (connection.provider() == Provider.TWILIO) {
            providerRef = new TextField("Content SID");
            providerRef.addClassName("template-ref");
            providerRef.setPlaceholder("HX…");
            providerRef.setRequired(true);
            form.add(providerRef);
        }
        form.add(body);
        form.setColspan(body, 3);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 3));
        form.addClassName("template-row");
        Row row = new Row(form, name, language, parameters, body, providerRef);
        Button remove = new Button("Remove", VaadinIcon.TRASH.create(), click -> {
            fields.remove(row);
            rows.remove(form);
        });
        remove.addClassName("template-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        form.add(remove);
        if (template != null) {
            name.setValue(template.name());
            language.setValue(template.language());
            parameters.setValue(template.parameters());
            body.setValue(template.body() == null ? "" : template.body());
            if (providerRef != null && template.providerRef() != null) {
                providerRef.setValue(template.providerRef());
            }
        }
        fields.add(row);
        rows.add(form);
    }
}
