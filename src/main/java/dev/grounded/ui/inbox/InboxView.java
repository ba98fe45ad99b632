package dev.grounded.ui.inbox;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.grounded.channel.WhatsAppMessaging;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationService;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.CurrentTenant;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agents' inbox: the {@link ConversationList} beside the {@link ConversationPanel} of the one opened, kept live by
 * server push, and a notification when a customer starts waiting for a person.
 */
@Route("inbox")
@PageTitle("Inbox · Grounded")
@PermitAll
public class InboxView extends VerticalLayout {

    private final InboxUpdates updates;
    private final TenantId tenant;
    private final ConversationList list;
    private final ConversationPanel panel;
    private final Div layout = new Div();
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
        this.updates = updates;
        Agent agent = Agent.of(currentTenant);
        this.tenant = agent.tenant();
        this.list = new ConversationList(conversations, tenant, this::show);
        this.panel = new ConversationPanel(
                conversations, whatsApp, agent, list::refresh, () -> layout.removeClassName("detail-open"));
        setSizeFull();
        layout.addClassName("inbox");
        layout.add(list, panel);
        layout.setSizeFull();
        add(new H2("Inbox"), list.states(), layout);
        expand(layout);
        list.refresh();
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

    private void show(ConversationId id) {
        if (panel.show(id)) {
            layout.addClassName("detail-open");
        }
    }

    private void refresh() {
        list.refresh();
        panel.open().ifPresent(panel::show);
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
}
