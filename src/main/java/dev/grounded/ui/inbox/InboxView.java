package dev.grounded.ui.inbox;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.grounded.channel.CustomerWindow;
import dev.grounded.channel.MessageTemplate;
import dev.grounded.channel.WhatsAppMessaging;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.conversation.CustomerUnreachableException;
import dev.grounded.conversation.InboxItem;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.Confirm;
import dev.grounded.ui.CurrentTenant;
import dev.grounded.ui.HandoffReasons;
import dev.grounded.ui.Notifications;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agents' inbox: conversations by state with unread counts, kept live by server push; a conversation read with its
 * delivery statuses, taken over, answered (a template outside WhatsApp's 24-hour window), released or closed.
 */
@Route("inbox")
@PageTitle("Inbox · Grounded")
@PermitAll
public class InboxView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.UK);

    private final ConversationService conversations;
    private final WhatsAppMessaging whatsApp;
    private final InboxUpdates updates;
    private final TenantId tenant;
    private final String agent;
    private final boolean mayReply;
    private final boolean mayErase;
    private final Map<Tab, ConversationState> tabStates = new LinkedHashMap<>();
    private final Map<ConversationState, Tab> stateTabs = new EnumMap<>(ConversationState.class);
    private final Tabs tabs = new Tabs();
    private final Tab all = new Tab("All");
    private final Grid<InboxItem> list = new Grid<>();
    private final VerticalLayout detail = new VerticalLayout();
    private final Div layout = new Div();
    private ConversationId open;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private Registration subscription;
    private Registration polling;
    private Notification handoffNote;
    private int handoffsAnnounced;

    public InboxView(
            ConversationService conversations,
            WhatsAppMessaging whatsApp,
            InboxUpdates updates,
            CurrentTenant currentTenant) {
        this.conversations = conversations;
        this.whatsApp = whatsApp;
        this.updates = updates;
        this.tenant = currentTenant.id();
        this.agent = currentTenant.username();
        this.mayReply = currentTenant.role() != Role.QA;
        this.mayErase = currentTenant.role() == Role.ADMIN;
        setSizeFull();

        for (ConversationState state : List.of(
                ConversationState.NEEDS_HUMAN,
                ConversationState.WITH_AGENT,
                ConversationState.BOT,
                ConversationState.CLOSED)) {
            Tab tab = new Tab(label(state));
            tab.setId("inbox-tab-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            tabStates.put(tab, state);
            stateTabs.put(state, tab);
            tabs.add(tab);
        }
        all.setId("inbox-tab-all");
        tabs.add(all);
        tabs.addSelectedChangeListener(change -> refreshList());

        list.setId("inbox-list");
        list.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        list.addComponentColumn(this::summary).setHeader("Conversation").setFlexGrow(1);
        list.addComponentColumn(InboxView::unread)
                .setHeader("Unread")
                .setAutoWidth(true)
                .setFlexGrow(0);
        list.setEmptyStateText("No conversations here.");
        list.addItemClickListener(click -> {
            // A live update may have replaced the rows under the click: then it names no item.
            if (click.getItem() != null) {
                show(click.getItem().conversation().id());
            }
        });
        list.addClassName("inbox-list");

        detail.addClassName("inbox-detail");
        detail.setId("inbox-detail");
        detail.setPadding(false);
        detail.add(new Paragraph("Choose a conversation to read it."));

        layout.addClassName("inbox");
        layout.add(list, detail);
        layout.setSizeFull();
        add(new H2("Inbox"), tabs, layout);
        expand(layout);
        refreshList();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        // Changes made on another instance reach this one's pages only through the poll.
        ui.setPollInterval(15_000);
        polling = ui.addPollListener(poll -> refresh());
        subscription = updates.subscribe(tenant, change -> {
            if (change.handoff() != null) {
                ui.access(() -> announce(change));
            }
            // A busy tenant changes many times a second: changes arriving while a refresh waits for the page share it.
            if (refreshQueued.compareAndSet(false, true)) {
                ui.access(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            }
        });
    }

    /**
     * One notification for the handoffs arriving while it is shown, counting them, rather than a pile of them on a
     * busy afternoon; it opens the latest.
     */
    private void announce(InboxUpdates.Change change) {
        String who = Optional.ofNullable(change.customer()).orElse("anonymous");
        boolean showing = handoffNote != null && handoffNote.isOpened();
        handoffsAnnounced = showing ? handoffsAnnounced + 1 : 1;
        if (showing) {
            handoffNote.close();
        }
        Notification note = new Notification();
        Span text = new Span(
                handoffsAnnounced == 1
                        ? "A customer (" + who + ") needs a person: " + change.handoff()
                        : handoffsAnnounced + " customers need a person; the latest (" + who + "): "
                                + change.handoff());
        Button open = new Button("Open", click -> {
            note.close();
            show(change.conversation());
        });
        open.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout content = new HorizontalLayout(text, open);
        content.setAlignItems(Alignment.CENTER);
        note.add(content);
        note.setDuration(8_000);
        note.setPosition(Notification.Position.TOP_END);
        note.addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        note.addClassName("handoff-notification");
        note.open();
        handoffNote = note;
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.remove();
        }
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
    }

    private void refresh() {
        refreshList();
        if (open != null) {
            show(open);
        }
    }

    private void refreshList() {
        Map<ConversationState, Integer> counts = conversations.countByState(tenant);
        stateTabs.forEach((state, tab) -> tab.setLabel(label(state) + " (" + counts.getOrDefault(state, 0) + ")"));
        ConversationState state = tabStates.get(tabs.getSelectedTab());
        list.setItems(conversations.inbox(tenant, state, 200));
    }

    private static String label(ConversationState state) {
        return switch (state) {
            case NEEDS_HUMAN -> "Needs a person";
            case WITH_AGENT -> "With an agent";
            case BOT -> "Bot";
            case CLOSED -> "Closed";
        };
    }

    private Div summary(InboxItem item) {
        Conversation conversation = item.conversation();
        Span who = new Span(conversation.customer() == null ? "Anonymous" : conversation.customer());
        who.getStyle().set("font-weight", "600");
        Span state = new Span(label(conversation.state()));
        state.getElement().getThemeList().add("badge small" + badgeTheme(conversation.state()));
        Span when = new Span(TIME.format(conversation.lastActivityAt().atZone(ZoneId.systemDefault())));
        when.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        HorizontalLayout top = new HorizontalLayout(who, state, when);
        top.setAlignItems(Alignment.BASELINE);
        top.setSpacing(true);
        Div preview = new Div(item.lastMessage() == null ? "" : item.lastMessage());
        preview.addClassName("inbox-preview");
        Div summary = new Div(top, preview);
        summary.addClassName("inbox-item");
        if (conversation.handoffReason() != null && conversation.state() != ConversationState.BOT) {
            Span reason = new Span(HandoffReasons.describe(conversation.handoffReason()));
            reason.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-error-text-color)");
            summary.add(reason);
        }
        return summary;
    }

    private static String badgeTheme(ConversationState state) {
        return switch (state) {
            case NEEDS_HUMAN -> " error";
            case WITH_AGENT -> " success";
            case BOT -> "";
            case CLOSED -> " contrast";
        };
    }

    private static Span unread(InboxItem item) {
        Span count = new Span(item.unread() == 0 ? "" : Integer.toString(item.unread()));
        if (item.unread() > 0) {
            count.getElement().getThemeList().add("badge pill primary");
            count.addClassName("unread");
            count.getElement()
                    .setAttribute(
                            "title",
                            item.unread() + " unread from "
                                    + Optional.ofNullable(item.conversation().customer())
                                            .orElse("anonymous"));
        }
        return count;
    }

    private void show(ConversationId id) {
        Optional<Conversation> found = conversations.find(tenant, id);
        detail.removeAll();
        if (found.isEmpty()) {
            open = null;
            layout.removeClassName("detail-open");
            detail.add(new Paragraph("This conversation no longer exists."));
            return;
        }
        open = id;
        layout.addClassName("detail-open");
        Conversation conversation = found.get();
        List<ConversationMessage> messages = conversations.messages(tenant, id);
        if (conversations.markSeen(tenant, id)) {
            refreshList();
        }

        Button back = new Button("Back", VaadinIcon.ARROW_LEFT.create(), click -> {
            open = null;
            layout.removeClassName("detail-open");
        });
        back.addClassName("inbox-back");
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        H3 title = new H3(conversation.customer() == null ? "Anonymous" : conversation.customer());
        Span state = new Span(label(conversation.state())
                + (conversation.agent() != null ? " · " + conversation.agent() : "")
                + (conversation.handoffReason() != null && conversation.state() != ConversationState.BOT
                        ? " · " + conversation.handoffReason().code().replace('_', ' ')
                        : ""));
        state.setId("conversation-state");
        HorizontalLayout header = new HorizontalLayout(back, title, state);
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        detail.add(header, actions(conversation));

        Div thread = new Div();
        thread.setId("conversation-messages");
        thread.addClassName("thread");
        for (ConversationMessage message : messages) {
            thread.add(bubble(message));
        }
        detail.add(thread);
        detail.setFlexGrow(1, thread);
        if (mayReply && conversation.state() != ConversationState.CLOSED) {
            detail.add(composer(conversation));
        }
        thread.getElement().executeJs("this.scrollTop = this.scrollHeight");
    }

    private HorizontalLayout actions(Conversation conversation) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setWrap(true);
        if (!mayReply) {
            return actions;
        }
        if (conversation.state() != ConversationState.WITH_AGENT) {
            Button takeOver = new Button(
                    "Take over", click -> act(() -> conversations.takeOver(tenant, conversation.id(), agent)));
            takeOver.setId("take-over");
            takeOver.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(takeOver);
        }
        if (conversation.state() == ConversationState.WITH_AGENT
                || conversation.state() == ConversationState.NEEDS_HUMAN) {
            Button release =
                    new Button("Release to bot", click -> act(() -> conversations.release(tenant, conversation.id())));
            release.setId("release");
            actions.add(release);
        }
        if (conversation.state() != ConversationState.CLOSED) {
            Button close = new Button("Close", click -> {
                Confirm.ask(
                        "Close this conversation?",
                        "The customer's next message starts a new conversation with the bot.",
                        "Close",
                        () -> act(() -> conversations.close(tenant, conversation.id())));
            });
            close.setId("close-conversation");
            close.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(close);
        }
        if (mayErase) {
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
        var erased = conversations.eraseCustomerOf(tenant, conversation.id());
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
        refresh();
    }

    private Div bubble(ConversationMessage message) {
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
        StringBuilder meta = new StringBuilder(by)
                .append(" · ")
                .append(TIME.format(message.createdAt().atZone(ZoneId.systemDefault())));
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

    private VerticalLayout composer(Conversation conversation) {
        VerticalLayout composer = new VerticalLayout();
        composer.setPadding(false);
        composer.setSpacing(false);
        Optional<CustomerWindow> window = whatsApp.window(tenant, conversation.id());
        if (window.isPresent() && !window.get().open()) {
            Paragraph why = new Paragraph(window.get().reason());
            why.setId("window-closed");
            why.getStyle().set("color", "var(--lumo-error-text-color)");
            composer.add(why);
            if (!window.get().templates().isEmpty() && !window.get().optedOut()) {
                composer.add(templateForm(conversation, window.get().templates()));
            }
            return composer;
        }
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
                conversations.agentReply(tenant, conversation.id(), agent, text.strip());
                reply.clear();
            } catch (CustomerUnreachableException e) {
                Notifications.error(e.getMessage());
            }
            refresh();
        });
        send.setId("agent-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout row = new HorizontalLayout(reply, send);
        row.setWidthFull();
        row.setAlignItems(Alignment.END);
        row.expand(reply);
        composer.add(row);
        window.map(CustomerWindow::closesAt).ifPresent(closes -> {
            Span note = new Span("Free-form messages are possible until "
                    + TIME.format(closes.atZone(ZoneId.systemDefault())) + " (WhatsApp's 24-hour window).");
            note.getStyle()
                    .set("font-size", "var(--lumo-font-size-s)")
                    .set("color", "var(--lumo-secondary-text-color)");
            composer.add(note);
        });
        return composer;
    }

    private HorizontalLayout templateForm(Conversation conversation, List<MessageTemplate> templates) {
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
                whatsApp.sendTemplate(tenant, conversation.id(), agent, chosen.name(), chosen.language(), values);
            } catch (CustomerUnreachableException | IllegalArgumentException e) {
                Notifications.error(e.getMessage());
            }
            refresh();
        });
        send.setId("send-template");
        HorizontalLayout form = new HorizontalLayout(template, parameters, send);
        form.setAlignItems(Alignment.END);
        form.setWrap(true);
        return form;
    }
}
