package dev.grounded.channel.whatsapp;

import dev.grounded.conversation.Channel;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationService;
import dev.grounded.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Which WhatsApp contact and connection a conversation reaches its customer through, and whether it may now. */
@Component
public class Reachability {

    /**
     * @param blocked why free-form text cannot go now (opted out, window closed), or null
     */
    public record Route(Connection connection, Contact contact, String blocked) {}

    private final ConversationService conversations;
    private final Contacts contacts;
    private final ConnectionStore connections;

    Reachability(ConversationService conversations, Contacts contacts, ConnectionStore connections) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.connections = connections;
    }

    /** Empty for a conversation that did not come from WhatsApp. */
    public Optional<Route> route(TenantId tenant, ConversationId id, Instant now) {
        Optional<Conversation> conversation = conversations.find(tenant, id);
        if (conversation.isEmpty() || conversation.get().channel() != Channel.WHATSAPP) {
            return Optional.empty();
        }
        Optional<Contact> contact = conversations
                .customerIdentifier(tenant, id)
                .flatMap(identifier -> contacts.forCustomer(tenant, identifier));
        Optional<Connection> connection = contact.flatMap(c -> connections.find(tenant, c.connection()));
        if (contact.isEmpty() || connection.isEmpty()) {
            return Optional.of(new Route(null, null, "The customer's WhatsApp connection no longer exists"));
        }
        String blocked = null;
        if (contact.get().optedOut()) {
            blocked = "The customer opted out (sent STOP): nothing can be sent until they send START";
        } else if (connection.get().provider().hasCustomerServiceWindow()
                && !contact.get().windowOpen(now)) {
            blocked = "The 24-hour customer-service window closed at "
                    + contact.get().windowClosesAt()
                    + ": WhatsApp only allows an approved template until the customer writes again";
        }
        return Optional.of(new Route(connection.get(), contact.get(), blocked));
    }
}
