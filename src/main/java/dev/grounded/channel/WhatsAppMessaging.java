package dev.grounded.channel;

import dev.grounded.channel.whatsapp.ConnectionStore;
import dev.grounded.channel.whatsapp.Contact;
import dev.grounded.channel.whatsapp.OutboundMessage;
import dev.grounded.channel.whatsapp.Outbox;
import dev.grounded.channel.whatsapp.Reachability;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.CustomerUnreachableException;
import dev.grounded.conversation.Delivery;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents need of WhatsApp beyond writing: whether a customer can be written to now (the 24-hour window, opt-out),
 * approved templates to send when not, and the outbox's dead letters to look at and retry.
 */
@Service
public class WhatsAppMessaging {

    private final Reachability reachability;
    private final ConnectionStore connections;
    private final Outbox outbox;
    private final ConversationService conversations;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final Permissions permissions;

    WhatsAppMessaging(
            Reachability reachability,
            ConnectionStore connections,
            Outbox outbox,
            ConversationService conversations,
            ApplicationEventPublisher events,
            Clock clock,
            Permissions permissions) {
        this.permissions = permissions;
        this.reachability = reachability;
        this.connections = connections;
        this.outbox = outbox;
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
    }

    /** Empty for a conversation that did not come through WhatsApp. */
    public Optional<CustomerWindow> window(TenantId tenant, ConversationId id) {
        Instant now = clock.instant();
        return reachability.route(tenant, id, now).map(route -> {
            if (route.contact() == null) {
                return new CustomerWindow(null, null, null, false, null, false, route.blocked(), List.of());
            }
            Contact contact = route.contact();
            Provider provider = route.connection().provider();
            return new CustomerWindow(
                    route.connection().id(),
                    provider,
                    contact.masked(),
                    route.blocked() == null,
                    provider.hasCustomerServiceWindow() ? contact.windowClosesAt() : null,
                    contact.optedOut(),
                    route.blocked(),
                    connections.templates(tenant, route.connection().id()));
        });
    }

    /**
     * An agent sends an approved template, the one message WhatsApp delivers outside the 24-hour window; it takes the
     * conversation over like any agent message.
     */
    @Transactional
    public ConversationMessage sendTemplate(
            TenantId tenant, ConversationId id, String agent, String name, String language, List<String> parameters) {
        permissions.require(tenant, Permission.HANDLE_CONVERSATIONS);
        Reachability.Route route = reachability
                .route(tenant, id, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("Conversation " + id + " is not a WhatsApp one"));
        if (route.contact() == null) {
            throw new CustomerUnreachableException(route.blocked());
        }
        if (route.contact().optedOut()) {
            throw new CustomerUnreachableException(
                    "The customer opted out (sent STOP): nothing can be sent until they send START");
        }
        MessageTemplate template = connections
                .templates(tenant, route.connection().id())
                .stream()
                .filter(t -> t.name().equals(name) && t.language().equals(language))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("No template " + name + " (" + language + ") on this connection"));
        List<String> values = parameters == null ? List.of() : List.copyOf(parameters);
        if (values.size() != template.parameters()) {
            throw new IllegalArgumentException("The template " + name + " takes " + template.parameters()
                    + " parameter(s), " + values.size() + " given");
        }
        OutboundMessage.Template message = new OutboundMessage.Template(
                template.name(), template.language(), values, template.body(), template.providerRef());
        ConversationMessage stored = conversations.recordAgentMessage(tenant, id, agent, message.preview());
        outbox.enqueue(route.contact(), id.value(), stored.id(), message, clock.instant());
        conversations.updateDelivery(tenant, stored.id(), Delivery.QUEUED, null);
        events.publishEvent(new OutboxQueued(tenant, id));
        return stored;
    }

    /**
     * The connection's outbox, newest first; {@code status} pending, sending, unknown, sent or dead, or null for all.
     */
    public List<OutboxEntry> outbox(TenantId tenant, ConnectionId connection, String status, int limit) {
        return outbox.list(tenant, connection, status, limit);
    }

    /**
     * Sends a dead-lettered message again from its first attempt, the conversation showing it queued again; false
     * when there is no such dead message.
     */
    @Transactional
    public boolean retry(TenantId tenant, UUID outboxId) {
        permissions.require(tenant, Permission.HANDLE_CONVERSATIONS);
        Optional<Outbox.Sent> requeued = outbox.requeue(tenant, outboxId, clock.instant());
        requeued.map(Outbox.Sent::messageId).ifPresent(message -> conversations.requeuedDelivery(tenant, message));
        if (requeued.isPresent()) {
            events.publishEvent(new OutboxQueued(tenant, null));
        }
        return requeued.isPresent();
    }
}
