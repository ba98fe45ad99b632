package dev.grounded.ui.inbox;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.grounded.channel.WhatsAppMessaging;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.Notifications;
import java.util.Optional;

/**
 * One conversation: who and in what state, the actions the agent's role allows (take over, release, close, erase),
 * the messages with their delivery statuses, and the composer.
 */
final class ConversationPanel extends Composite<VerticalLayout> {

    private final ConversationService conversations;
    private final WhatsAppMessaging whatsApp;
    private final Agent agent;
    private final Runnable listChanged;
    private final Runnable closed;
    private ConversationId open;

    /**
     * @param listChanged run when what the list shows changed here (messages seen, an action taken)
     * @param closed run when the panel no longer shows a conversation: the agent went back to the list (on a narrow
     *     screen the panel covers it), or the conversation is gone
     */
    ConversationPanel(
            ConversationService conversations,
            WhatsAppMessaging whatsApp,
            Agent agent,
            Runnable listChanged,
            Runnable closed) {
        this.conversations = conversations;
        this.whatsApp = whatsApp;
        this.agent = agent;
        this.listChanged = listChanged;
        this.closed = closed;
        VerticalLayout detail = getContent();
        detail.addClassName("inbox-detail");
        detail.setId("inbox-detail");
        detail.setPadding(false);
        detail.add(new Paragraph("Choose a conversation to read it."));
    }

    Optional<ConversationId> open() {
        return Optional.ofNullable(open);
    }

    /** Shows the conversation as it now is; false when it no longer exists. */
    boolean show(ConversationId id) {
        VerticalLayout detail = getContent();
        Optional<Conversation> found = conversations.find(agent.tenant(), id);
        detail.removeAll();
        if (found.isEmpty()) {
            open = null;
            detail.add(new Paragraph("This conversation no longer exists."));
            closed.run();
            return false;
        }
        open = id;
        Conversation conversation = found.get();
        var messages = conversations.messages(agent.tenant(), id);
        if (conversations.markSeen(agent.tenant(), id)) {
            listChanged.run();
        }
        detail.add(header(conversation), actions(conversation));
        Div thread = new Div();
        thread.setId("conversation-messages");
        thread.addClassName("thread");
        for (ConversationMessage message : messages) {
            thread.add(bubble(message));
        }
        detail.add(thread);
        detail.setFlexGrow(1, thread);
        if (agent.mayReply() && conversation.state() != ConversationState.CLOSED) {
            detail.add(new Composer(conversations, whatsApp, agent, conversation, this::changed));
        }
        thread.getElement().executeJs("this.scrollTop = this.scrollHeight");
        return true;
    }

    private void changed() {
        listChanged.run();
        if (open != null) {
            show(open);
        }
    }

    private HorizontalLayout header(Conversation conversation) {
        Button backToList = new Button("Back", VaadinIcon.ARROW_LEFT.create(), click -> {
            open = null;
            closed.run();
        });
        backToList.addClassName("inbox-back");
        backToList.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        H3 title = new H3(InboxLabels.customer(conversation.customer()));
        Span state = new Span(InboxLabels.state(conversation.state())
                + (conversation.agent() != null ? " · " + conversation.agent() : "")
                + (conversation.handoffReason() != null && conversation.state() != ConversationState.BOT
                        ? " · " + conversation.handoffReason().code().replace('_', ' ')
                        : ""));
        state.setId("conversation-state");
        HorizontalLayout header = new HorizontalLayout(backToList, title, state);
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        return header;
    }

    private HorizontalLayout actions(Conversation conversation) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setWrap(true);
        if (!agent.mayReply()) {
            return actions;
        }
        if (conversation.state() != ConversationState.WITH_AGENT) {
            Button takeOver = new Button(
                    "Take over",
                    click -> act(() -> conversations.takeOver(agent.tenant(), conversation.id(), agent.username())));
            takeOver.setId("take-over");
            takeOver.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(takeOver);
        }
        if (conversation.state() == ConversationState.WITH_AGENT
                || conversation.state() == ConversationState.NEEDS_HUMAN) {
            Button release = new Button(
                    "Release to bot", click -> act(() -> conversations.release(agent.tenant(), conversation.id())));
            release.setId("release");
            actions.add(release);
        }
        if (conversation.state() != ConversationState.CLOSED) {
            Button close = new Button(
                    "Close",
                    click -> Confirm.ask(
                            "Close this conversation?",
                            "The customer's next message starts a new conversation with the bot.",
                            "Close",
                            () -> act(() -> conversations.close(agent.tenant(), conversation.id()))));
            close.setId("close-conversation");
            close.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(close);
        }
        if (agent.mayErase()) {
            actions.add(eraseButton(conversation));
        }
        return actions;
    }

    /** For a customer who asks to be forgotten: admins only, after asking. */
    private Button eraseButton(Conversation conversation) {
        String who = conversation.customer() == null ? "this anonymous customer" : conversation.customer();
        Button erase = new Button(
                "Erase customer data",
                VaadinIcon.TRASH.create(),
                click -> Confirm.destructive(
                        "Erase everything about " + who + "?",
                        "Every conversation with " + who + " and all their messages, and what WhatsApp holds about"
                                + " them (the contact, an opt-out, messages not yet sent), are deleted for good. Use"
                                + " it when the customer asks to be forgotten.",
                        "Erase",
                        () -> act(() -> erase(conversation, who))));
        erase.setId("erase-customer");
        erase.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return erase;
    }

    private void erase(Conversation conversation, String who) {
        var erased = conversations.eraseCustomerOf(agent.tenant(), conversation.id());
        Notification.show(
                "Erased " + count(erased.conversations(), "conversation") + " and "
                        + count(erased.messages(), "message") + " of " + who,
                5000,
                Notification.Position.BOTTOM_START);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            Notifications.error(e.getMessage());
        }
        changed();
    }

    private static Div bubble(ConversationMessage message) {
        Div bubble = new Div();
        bubble.addClassNames("bubble", message.role().code());
        Div text = new Div(message.text() == null ? "" : message.text());
        text.addClassName("bubble-text");
        String by =
                switch (message.role()) {
                    case CUSTOMER -> "Customer";
                    case BOT -> "Bot" + (message.degraded() ? " (degraded)" : "");
                    case AGENT -> message.author() == null ? "Agent" : message.author();
                };
        StringBuilder meta = new StringBuilder(by).append(" · ").append(InboxLabels.time(message.createdAt()));
        if (message.delivery() != null) {
            meta.append(" · ").append(message.delivery());
        }
        if (message.deliveryError() != null) {
            meta.append(": ").append(message.deliveryError());
        }
        if (message.handoffReason() != null) {
            meta.append(" · handoff: ").append(message.handoffReason().code().replace('_', ' '));
        }
        Span details = new Span(meta.toString());
        details.addClassName("bubble-meta");
        bubble.add(text, details);
        return bubble;
    }
}
