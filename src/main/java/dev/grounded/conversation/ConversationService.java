package dev.grounded.conversation;

import dev.grounded.conversation.ConversationMessage.Role;
import dev.grounded.conversation.internal.ConversationStore;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations and their messages: sessions, who owns them, handoffs, erasure. Stored through
 * {@link ConversationStore}, whose every statement names the tenant.
 */
@Service
public class ConversationService {

    private static final Logger log = LoggerFactory.getLogger(ConversationService.class);
    private final ConversationStore store;
    private final CustomerIdentifiers identifiers;
    private final ApplicationEventPublisher events;
    private final ConversationProperties properties;
    private final Clock clock;

    private final Permissions permissions;

    ConversationService(
            ConversationStore store,
            CustomerIdentifiers identifiers,
            ApplicationEventPublisher events,
            ConversationProperties properties,
            Clock clock,
            Permissions permissions) {
        this.permissions = permissions;
        this.store = store;
        this.identifiers = identifiers;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The conversation a customer's message belongs to: the one named, or the customer's current one; a new one when
     * neither exists, or when the bot's conversation has been idle longer than the session timeout (the bot then
     * forgets it). A conversation with a person, or waiting for one, is never timed out by the bot.
     *
     * @param conversationId the id a client got with an earlier reply, or null
     * @param from the customer's identifier (a phone number), or null for an anonymous conversation
     * @param channel where a new conversation comes from
     */
    @Transactional
    public Conversation open(TenantId tenant, String conversationId, String from, Channel channel) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = from == null || from.isBlank() ? null : identifiers.hash(from);
        Optional<Conversation> current;
        if (conversationId != null && !conversationId.isBlank()) {
            ConversationId id = ConversationId.parse(conversationId);
            current = Optional.of(
                    find(tenant, id).orElseThrow(() -> new IllegalArgumentException("Unknown conversation: " + id)));
        } else if (hash != null) {
            current = store.current(tenant, hash);
        } else {
            current = Optional.empty();
        }
        if (current.isPresent()) {
            Conversation conversation = current.get();
            boolean expired = conversation.state() == ConversationState.BOT
                    && conversation
                            .lastActivityAt()
                            .plus(properties.sessionTimeout())
                            .isBefore(now);
            if (conversation.state() != ConversationState.CLOSED && !expired) {
                return conversation;
            }
            if (expired) {
                store.setState(tenant, conversation.id(), ConversationState.CLOSED, null, null);
            }
            if (hash == null) {
                return startLike(tenant, conversation.id(), now);
            }
        }
        return start(tenant, from, hash, channel, now);
    }

    /** A customer's message as received: its conversation, what came before it, and the message stored. */
    public record Received(Conversation conversation, List<ConversationMessage> history, ConversationMessage message) {}

    /**
     * Receives a customer's message in one transaction: the conversation it belongs to (see {@link #open}), the last
     * {@code historySize} messages before it, and the message stored (with the metadata of the media it captioned,
     * if any).
     */
    @Transactional
    public Received receive(
            TenantId tenant,
            String conversationId,
            String from,
            Channel channel,
            String text,
            String language,
            String attachment,
            int historySize) {
        Conversation conversation = open(tenant, conversationId, from, channel);
        List<ConversationMessage> history = recent(tenant, conversation.id(), historySize);
        return new Received(
                conversation, history, recordCustomer(tenant, conversation.id(), text, language, attachment));
    }

    public Optional<Conversation> find(TenantId tenant, ConversationId id) {
        return store.find(tenant, id);
    }

    /**
     * The tenant's conversations with customers, most recently active first; all states when {@code state} is null.
     * Evaluation runs' conversations are not listed.
     */
    public List<Conversation> list(TenantId tenant, ConversationState state, int limit) {
        return store.list(tenant, state, limit);
    }

    /**
     * The agents' inbox: the tenant's conversations with customers in {@code state} (all when null), most recently
     * active first, each with its unread count and latest message.
     */
    public List<InboxItem> inbox(TenantId tenant, ConversationState state, int limit) {
        return store.inbox(tenant, state, limit);
    }

    /** How many of the tenant's conversations with customers are in each state. */
    public Map<ConversationState, Integer> countByState(TenantId tenant) {
        return store.countByState(tenant);
    }

    /** An agent opened the conversation: its messages so far are read. False when nothing was unread. */
    @Transactional
    public boolean markSeen(TenantId tenant, ConversationId id) {
        return store.markSeen(tenant, id);
    }

    /** All messages of a conversation in order. */
    public List<ConversationMessage> messages(TenantId tenant, ConversationId id) {
        return store.messages(tenant, id);
    }

    /** The last {@code limit} messages of a conversation in order: what the bot remembers of it. */
    public List<ConversationMessage> recent(TenantId tenant, ConversationId id, int limit) {
        return store.newest(tenant, id, limit).reversed();
    }

    /** The customer's identifier in clear, for the channel that must write back to them. */
    public Optional<String> customerIdentifier(TenantId tenant, ConversationId id) {
        return store.customerSealed(tenant, id).map(identifiers::decrypt);
    }

    @Transactional
    public ConversationMessage recordCustomer(TenantId tenant, ConversationId id, String text, String language) {
        return recordCustomer(tenant, id, text, language, null);
    }

    /**
     * Stores a customer's message that may carry media.
     *
     * @param attachment the media's metadata as JSON, or null
     */
    @Transactional
    public ConversationMessage recordCustomer(
            TenantId tenant, ConversationId id, String text, String language, String attachment) {
        ConversationMessage message =
                insert(tenant, id, Role.CUSTOMER, text, language, null, null, false, null, null, null, null, null);
        if (attachment == null) {
            return message;
        }
        store.attach(tenant, message.id(), attachment);
        return new ConversationMessage(
                message.id(),
                message.role(),
                message.text(),
                message.language(),
                message.outcome(),
                message.provider(),
                message.degraded(),
                message.handoffReason(),
                message.latencyMs(),
                message.trace(),
                message.author(),
                message.createdAt(),
                message.delivery(),
                message.deliveryError(),
                attachment);
    }

    /**
     * Records how far a message sent to the customer got; a status never goes back (a late "delivered" does not undo
     * "read"), and the same one again updates its error.
     */
    @Transactional
    public void updateDelivery(TenantId tenant, UUID messageId, Delivery delivery, String error) {
        store.updateDelivery(tenant, messageId, delivery, error);
    }

    /** A message that had failed is being sent again: it shows as queued, its failure gone. */
    @Transactional
    public void requeuedDelivery(TenantId tenant, UUID messageId) {
        store.resetDelivery(tenant, messageId, Delivery.QUEUED);
    }

    /**
     * Stores the bot's reply; a reply that hands off puts a bot conversation in the queue for a person, announced
     * once with {@link HandoffRequested}.
     */
    @Transactional
    public ConversationMessage recordBot(TenantId tenant, ConversationId id, BotMessage reply) {
        ConversationMessage message = insert(
                tenant,
                id,
                Role.BOT,
                reply.text(),
                reply.language(),
                reply.outcome(),
                reply.provider(),
                reply.degraded(),
                reply.handoffReason(),
                reply.handoffDetail(),
                reply.latencyMs(),
                reply.trace(),
                null);
        if (reply.handoffReason() != null) {
            boolean queued = store.queueForPerson(tenant, id, reply.handoffReason());
            if (queued && require(tenant, id).channel().hasCustomer()) {
                log.info("Conversation {} of {} waits for a person: {}", id, tenant, reply.handoffReason());
                events.publishEvent(new HandoffRequested(tenant, id, reply.handoffReason(), reply.handoffDetail()));
            }
        }
        return message;
    }

    /** What erasing a customer removed. */
    public record Erased(int conversations, int messages) {}

    /**
     * Erases everything the tenant holds about one customer, the right to erasure of a data subject: their
     * conversations with every message (parked questions too), and through {@link CustomerErased} what the channels
     * hold (the WhatsApp contact, its opt-out, its queued events and messages), in one transaction. Erasing again
     * erases nothing more.
     *
     * @param identifier the customer's identifier as any channel gives it ({@code +34 600 12 34 56},
     *     {@code whatsapp:+34600123456})
     */
    @Transactional
    public Erased eraseCustomer(TenantId tenant, String identifier) {
        permissions.require(tenant, Permission.ERASE_CUSTOMERS);
        return erase(tenant, identifiers.hash(identifier));
    }

    /**
     * Erases the customer of a conversation, as {@link #eraseCustomer}; an anonymous conversation (no identifier) is
     * erased alone.
     *
     * @throws IllegalArgumentException when the tenant has no such conversation
     */
    @Transactional
    public Erased eraseCustomerOf(TenantId tenant, ConversationId id) {
        permissions.require(tenant, Permission.ERASE_CUSTOMERS);
        require(tenant, id);
        String hash = store.customerHash(tenant, id).orElse(null);
        if (hash != null) {
            return erase(tenant, hash);
        }
        int messages = store.countMessages(tenant, id);
        store.delete(tenant, id);
        log.info("Erased anonymous conversation {} of {} ({} messages)", id, tenant, messages);
        return new Erased(1, messages);
    }

    private Erased erase(TenantId tenant, String hash) {
        int messages = store.countCustomerMessages(tenant, hash);
        int erased = store.deleteCustomer(tenant, hash);
        events.publishEvent(new CustomerErased(tenant, hash));
        log.info("Erased a customer of {}: {} conversations, {} messages", tenant, erased, messages);
        return new Erased(erased, messages);
    }

    /** An agent takes the conversation: from now on the bot stays silent in it. */
    @Transactional
    public Conversation takeOver(TenantId tenant, ConversationId id, String agent) {
        permissions.require(tenant, Permission.HANDLE_CONVERSATIONS);
        require(tenant, id);
        store.takeOver(tenant, id, agent);
        return require(tenant, id);
    }

    /** Gives the conversation back to the bot. */
    @Transactional
    public Conversation release(TenantId tenant, ConversationId id) {
        permissions.require(tenant, Permission.HANDLE_CONVERSATIONS);
        require(tenant, id);
        store.setState(tenant, id, ConversationState.BOT, null, null);
        store.touch(tenant, id, clock.instant());
        return require(tenant, id);
    }

    @Transactional
    public Conversation close(TenantId tenant, ConversationId id) {
        permissions.require(tenant, Permission.HANDLE_CONVERSATIONS);
        require(tenant, id);
        store.setState(tenant, id, ConversationState.CLOSED, null, null);
        return require(tenant, id);
    }

    /**
     * An agent writes to the customer; writing takes the conversation over if the agent had not yet. The channel
     * delivers it ({@link AgentReplied}); when it cannot, this throws {@link CustomerUnreachableException} and nothing
     * is stored.
     */
    @Transactional
    public ConversationMessage agentReply(TenantId tenant, ConversationId id, String agent, String text) {
        permissions.require(tenant, Permission.HANDLE_CONVERSATIONS);
        ConversationMessage message = recordAgentMessage(tenant, id, agent, text);
        events.publishEvent(new AgentReplied(tenant, id, agent, text, message.id()));
        return message;
    }

    /**
     * Stores what a person wrote to the customer without asking the channel to deliver it: it was sent another way
     * (from the business's own phone) or the channel sends it itself (a template). A person writing takes the
     * conversation over.
     */
    @Transactional
    public ConversationMessage recordAgentMessage(TenantId tenant, ConversationId id, String agent, String text) {
        Conversation conversation = require(tenant, id);
        if (conversation.state() != ConversationState.WITH_AGENT) {
            takeOver(tenant, id, agent);
        }
        return insert(tenant, id, Role.AGENT, text, null, null, null, false, null, null, null, null, agent);
    }

    /**
     * Whether an agent has written in the conversation since the customer's message. (A bot answer to a later
     * question does not count: it may not answer this one.)
     */
    public boolean agentRepliedAfter(TenantId tenant, ConversationId id, UUID messageId) {
        return store.agentWroteAfter(tenant, id, messageId);
    }

    /**
     * Ends the wait for a person that {@code reason} started, when the bot itself has now answered (a question parked
     * while every provider was down): the conversation goes back to the bot unless an agent took it meanwhile.
     */
    @Transactional
    public void resolveHandoff(TenantId tenant, ConversationId id, HandoffReason reason) {
        store.resolveHandoff(tenant, id, reason);
    }

    private Conversation start(TenantId tenant, String from, String hash, Channel channel, Instant now) {
        ConversationId id = ConversationId.random();
        String masked = hash == null ? null : CustomerIdentifiers.mask(from);
        store.start(tenant, id, channel, hash, hash == null ? null : identifiers.encrypt(from), masked, now);
        return new Conversation(id, tenant, channel, masked, ConversationState.BOT, null, null, now, now);
    }

    /** A new conversation with the same customer as an old one, whose number is known only in sealed form. */
    private Conversation startLike(TenantId tenant, ConversationId previous, Instant now) {
        ConversationId id = ConversationId.random();
        store.startLike(tenant, previous, id, now);
        return require(tenant, id);
    }

    private Conversation require(TenantId tenant, ConversationId id) {
        return find(tenant, id).orElseThrow(() -> new IllegalArgumentException("Unknown conversation: " + id));
    }

    /**
     * Adds a message to a conversation of this tenant: marking the conversation active first both checks that it is
     * the tenant's and saves reading it.
     */
    private ConversationMessage insert(
            TenantId tenant,
            ConversationId id,
            Role role,
            String text,
            String language,
            String outcome,
            String provider,
            boolean degraded,
            HandoffReason handoffReason,
            String handoffDetail,
            Long latencyMs,
            String trace,
            String author) {
        Instant now = clock.instant();
        if (store.touch(tenant, id, now) == 0) {
            throw new IllegalArgumentException("Unknown conversation: " + id);
        }
        ConversationMessage message = new ConversationMessage(
                UUID.randomUUID(),
                role,
                text,
                language,
                outcome,
                provider,
                degraded,
                handoffReason,
                latencyMs,
                trace,
                author,
                now,
                null,
                null,
                null);
        store.insertMessage(tenant, id, message, handoffDetail);
        return message;
    }
}
