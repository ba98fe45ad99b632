package dev.grounded.ui.inbox;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.grounded.channel.CustomerWindow;
import dev.grounded.channel.MessageTemplate;
import dev.grounded.channel.WhatsAppMessaging;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.conversation.CustomerUnreachableException;
import dev.grounded.ui.Notifications;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an agent writes to the customer: free text inside WhatsApp's 24-hour window, an approved template outside it,
 * nothing to a customer who opted out.
 */
final class Composer extends Composite<VerticalLayout> {

    private final ConversationService conversations;
    private final WhatsAppMessaging whatsApp;
    private final Agent agent;
    private final Conversation conversation;
    private final Runnable sent;

    /**
     * @param sent run after a message was sent or refused, to show the conversation as it now is
     */
    Composer(
            ConversationService conversations,
            WhatsAppMessaging whatsApp,
            Agent agent,
            Conversation conversation,
            Runnable sent) {
        this.conversations = conversations;
        this.whatsApp = whatsApp;
        this.agent = agent;
        this.conversation = conversation;
        this.sent = sent;
        VerticalLayout composer = getContent();
        composer.setPadding(false);
        composer.setSpacing(false);
        Optional<CustomerWindow> window = whatsApp.window(agent.tenant(), conversation.id());
        if (window.isPresent() && !window.get().open()) {
            Paragraph why = new Paragraph(window.get().reason());
            why.setId("window-closed");
            why.getStyle().set("color", "var(--lumo-error-text-color)");
            composer.add(why);
            if (!window.get().templates().isEmpty() && !window.get().optedOut()) {
                composer.add(templateForm(window.get().templates()));
            }
            return;
        }
        composer.add(textForm());
        window.map(CustomerWindow::closesAt).ifPresent(closes -> {
            Span note = new Span("Free-form messages are possible until " + InboxLabels.time(closes)
                    + " (WhatsApp's 24-hour window).");
            note.getStyle()
                    .set("font-size", "var(--lumo-font-size-s)")
                    .set("color", "var(--lumo-secondary-text-color)");
            composer.add(note);
        });
    }

    private HorizontalLayout textForm() {
        TextArea reply = new TextArea();
        reply.setId("agent-reply");
        reply.setPlaceholder(
                conversation.state() == ConversationState.WITH_AGENT
                        ? "Write to the customer"
                        : "Write to the customer (this takes the conversation over)");
        reply.setWidthFull();
        reply.setMaxLength(4096);
        Button send = new Button("Send", VaadinIcon.PAPERPLANE.create(), click -> {
            String text = reply.getValue();
            if (text == null || text.isBlank()) {
                reply.setInvalid(true);
                reply.setErrorMessage("Write a message first");
                return;
            }
            try {
                conversations.agentReply(agent.tenant(), conversation.id(), agent.username(), text.strip());
                reply.clear();
            } catch (CustomerUnreachableException e) {
                Notifications.error(e.getMessage());
            }
            sent.run();
        });
        send.setId("agent-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout row = new HorizontalLayout(reply, send);
        row.setWidthFull();
        row.setAlignItems(Alignment.END);
        row.expand(reply);
        return row;
    }

    private HorizontalLayout templateForm(List<MessageTemplate> templates) {
        Select<MessageTemplate> template = new Select<>();
        template.setId("template");
        template.setLabel("Template");
        template.setItems(templates);
        template.setItemLabelGenerator(t -> t.name() + " (" + t.language() + ")");
        HorizontalLayout parameters = new HorizontalLayout();
        parameters.setWrap(true);
        List<TextField> fields = new ArrayList<>();
        template.addValueChangeListener(change -> {
            parameters.removeAll();
            fields.clear();
            if (change.getValue() != null) {
                for (int i = 1; i <= change.getValue().parameters(); i++) {
                    TextField field = new TextField("{{" + i + "}}");
                    field.setRequired(true);
                    fields.add(field);
                    parameters.add(field);
                }
            }
        });
        Button send = new Button("Send template", click -> {
            MessageTemplate chosen = template.getValue();
            if (chosen == null) {
                template.setInvalid(true);
                template.setErrorMessage("Choose a template");
                return;
            }
            List<String> values = fields.stream().map(TextField::getValue).toList();
            if (values.stream().anyMatch(String::isBlank)) {
                fields.forEach(f -> f.setInvalid(f.getValue().isBlank()));
                return;
            }
            try {
                whatsApp.sendTemplate(
                        agent.tenant(), conversation.id(), agent.username(), chosen.name(), chosen.language(), values);
            } catch (CustomerUnreachableException | IllegalArgumentException e) {
                Notifications.error(e.getMessage());
            }
            sent.run();
        });
        send.setId("send-template");
        HorizontalLayout form = new HorizontalLayout(template, parameters, send);
        form.setAlignItems(Alignment.END);
        form.setWrap(true);
        return form;
    }
}
