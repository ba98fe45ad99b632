package dev.grounded.conversation;

import dev.grounded.conversation.ConversationMessage.Role;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations and their messages. Every statement here names the tenant, so one tenant's conversation is never
 * read or changed through another tenant's request, even with a guessed id.
 */
@Service
public class ConversationService {

    private static final Logger log = LoggerFactory.getLogger(ConversationService.class);
    private static final String CONVERSATION_COLUMNS =
            "id, tenant_id, channel, customer_masked, state, handoff_reason, agent, started_at, last_activity_at";
    private static final String MESSAGE_COLUMNS = "id, role, text, language, outcome, provider, degraded,"
            + " handoff_reason, latency_ms, trace, author, created_at, delivery, delivery_error, attachment";

    private final JdbcClient jdbc;
    private final CustomerIdentifiers identifiers;
    private final ApplicationEventPublisher events;
    private final ConversationProperties properties;
    private final Clock clock;

    ConversationService(
            JdbcClient jdbc,
            CustomerIdentifiers identifiers,
            ApplicationEventPublisher events,
            ConversationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
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
            current = jdbc.sql("select " + CONVERSATION_COLUMNS + " from conversation"
                            + " where tenant_id = :tenant and customer_hash = :hash and state <> 'CLOSED'"
                            + " order by last_activity_at desc fetch first 1 rows only")
                    .param("tenant", tenant.value())
                    .param("hash", hash)
                    .query(ConversationService::conversation)
                    .optional();
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
                setState(tenant, conversation.id(), ConversationState.CLOSED, null, null);
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
     * {@code historySize} messages before it, and the message stored.
     */
    @Transactional
    public Received receive(
            TenantId tenant,
            String conversationId,
            String from,
            Channel channel,
            String text,
            String language,
            int historySize) {
        Conversation conversation = open(tenant, conversationId, from, channel);
        List<ConversationMessage> history = recent(tenant, conversation.id(), historySize);
        return new Received(conversation, history, recordCustomer(tenant, conversation.id(), text, language));
    }

    public Optional<Conversation> find(TenantId tenant, ConversationId id) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from conversation where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(ConversationService::conversation)
                .optional();
    }

    /**
     * The tenant's conversations with customers, most recently active first; all states when {@code state} is null.
     * Evaluation runs' conversations are not listed.
     */
    public List<Conversation> list(TenantId tenant, ConversationState state, int limit) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from conversation where tenant_id = :tenant"
                        + " and channel <> 'EVALUATION'"
                        + (state == null ? "" : " and state = :state")
                        + " order by last_activity_at desc fetch first :limit rows only")
                .param("tenant", tenant.value())
                .param("state", state == null ? null : state.name())
                .param("limit", limit)
                .query(ConversationService::conversation)
                .list();
    }

    /**
     * The agents' inbox: the tenant's conversations with customers in {@code state} (all when null), most recently
     * active first, each with its unread count and latest message.
     */
    public List<InboxItem> inbox(TenantId tenant, ConversationState state, int limit) {
        return jdbc.sql("select c.id, c.tenant_id, c.channel, c.customer_masked, c.state, c.handoff_reason, c.agent,"
                        + " c.started_at, c.last_activity_at,"
                        + " (select count(*) from conversation_message m where m.conversation_id = c.id"
                        + "   and m.role = 'CUSTOMER' and m.seq > coalesce(c.seen_seq, 0)) as unread,"
                        + " (select m.text from conversation_message m where m.conversation_id = c.id"
                        + "   order by m.seq desc fetch first 1 rows only) as last_message"
                        + " from conversation c where c.tenant_id = :tenant and c.channel <> 'EVALUATION'"
                        + (state == null ? "" : " and c.state = :state")
                        + " order by c.last_activity_at desc fetch first :limit rows only")
                .param("tenant", tenant.value())
                .param("state", state == null ? null : state.name())
                .param("limit", limit)
                .query((rs, row) ->
                        new InboxItem(conversation(rs, row), rs.getInt("unread"), rs.getString("last_message")))
                .list();
    }

    /** How many of the tenant's conversations with customers are in each state. */
    public Map<ConversationState, Integer> countByState(TenantId tenant) {
        Map<ConversationState, Integer> counts = new EnumMap<>(ConversationState.class);
        jdbc.sql("select state, count(*) as n from conversation where tenant_id = :tenant"
                        + " and channel <> 'EVALUATION' group by state")
                .param("tenant", tenant.value())
                .query(rs -> {
                    counts.put(ConversationState.valueOf(rs.getString("state")), rs.getInt("n"));
                });
        return counts;
    }

    /** An agent opened the conversation: its messages so far are read. False when nothing was unread. */
    @Transactional
    public boolean markSeen(TenantId tenant, ConversationId id) {
        return jdbc.sql("update conversation set seen_seq = (select max(m.seq) from conversation_message m"
                                + " where m.conversation_id = conversation.id)"
                                + " where tenant_id = :tenant and id = :id and coalesce(seen_seq, 0) <"
                                + " (select coalesce(max(m.seq), 0) from conversation_message m"
                                + " where m.conversation_id = conversation.id)")
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    /** All messages of a conversation in order. */
    public List<ConversationMessage> messages(TenantId tenant, ConversationId id) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from conversation_message"
                        + " where tenant_id = :tenant and conversation_id = :id order by seq")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(ConversationService::message)
                .list();
    }

    /** The last {@code limit} messages of a conversation in order: what the bot remembers of it. */
    public List<ConversationMessage> recent(TenantId tenant, ConversationId id, int limit) {
        List<ConversationMessage> newestFirst = jdbc.sql("select " + MESSAGE_COLUMNS + " from conversation_message"
                        + " where tenant_id = :tenant and conversation_id = :id order by seq desc"
                        + " fetch first :limit rows only")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("limit", limit)
                .query(ConversationService::message)
                .list();
        return newestFirst.reversed();
    }

    /** The customer's identifier in clear, for the channel that must write back to them. */
    public Optional<String> customerIdentifier(TenantId tenant, ConversationId id) {
        return jdbc.sql("select customer_sealed from conversation where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(String.class)
                .optional()
                .map(identifiers::decrypt);
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
        jdbc.sql("update conversation_message set attachment = :attachment where tenant_id = :tenant and id = :id")
                .param("attachment", attachment)
                .param("tenant", tenant.value())
                .param("id", message.id())
                .update();
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
        jdbc.sql("""
                        update conversation_message set delivery = :delivery, delivery_error = :error
                        where tenant_id = :tenant and id = :id and (delivery is null or :rank >= %s)
                        """.formatted(Delivery.RANK_OF_COLUMN))
                .param("delivery", delivery.code())
                .param("error", truncate(error, 500))
                .param("rank", delivery.rank())
                .param("tenant", tenant.value())
                .param("id", messageId)
                .update();
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
            int queued = jdbc.sql("update conversation set state = 'NEEDS_HUMAN', handoff_reason = :reason"
                            + " where tenant_id = :tenant and id = :id and state = 'BOT'")
                    .param("reason", reply.handoffReason().name())
                    .param("tenant", tenant.value())
                    .param("id", id.value())
                    .update();
            if (queued > 0 && require(tenant, id).channel().hasCustomer()) {
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
        require(tenant, id);
        String hash = jdbc.sql("select customer_hash from conversation where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(String.class)
                .optional()
                .orElse(null);
        if (hash != null) {
            return erase(tenant, hash);
        }
        int messages = countMessages("c.id = :id", tenant, "id", id.value());
        jdbc.sql("delete from conversation where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
        log.info("Erased anonymous conversation {} of {} ({} messages)", id, tenant, messages);
        return new Erased(1, messages);
    }

    private Erased erase(TenantId tenant, String hash) {
        int messages = countMessages("c.customer_hash = :hash", tenant, "hash", hash);
        int erased = jdbc.sql("delete from conversation where tenant_id = :tenant and customer_hash = :hash")
                .param("tenant", tenant.value())
                .param("hash", hash)
                .update();
        events.publishEvent(new CustomerErased(tenant, hash));
        log.info("Erased a customer of {}: {} conversations, {} messages", tenant, erased, messages);
        return new Erased(erased, messages);
    }

    private int countMessages(String where, TenantId tenant, String param, Object value) {
        return jdbc.sql("select count(*) from conversation_message m join conversation c on c.id = m.conversation_id"
                        + " where c.tenant_id = :tenant and " + where)
                .param("tenant", tenant.value())
                .param(param, value)
                .query(Integer.class)
                .single();
    }

    /** An agent takes the conversation: from now on the bot stays silent in it. */
    @Transactional
    public Conversation takeOver(TenantId tenant, ConversationId id, String agent) {
        require(tenant, id);
        jdbc.sql("update conversation set state = 'WITH_AGENT', agent = :agent,"
                        + " handoff_reason = coalesce(handoff_reason, 'CUSTOMER_REQUEST')"
                        + " where tenant_id = :tenant and id = :id")
                .param("agent", agent)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
        return require(tenant, id);
    }

    /** Gives the conversation back to the bot. */
    @Transactional
    public Conversation release(TenantId tenant, ConversationId id) {
        require(tenant, id);
        setState(tenant, id, ConversationState.BOT, null, null);
        touch(tenant, id, clock.instant());
        return require(tenant, id);
    }

    @Transactional
    public Conversation close(TenantId tenant, ConversationId id) {
        require(tenant, id);
        setState(tenant, id, ConversationState.CLOSED, null, null);
        return require(tenant, id);
    }

    /**
     * An agent writes to the customer; writing takes the conversation over if the agent had not yet. The channel
     * delivers it ({@link AgentReplied}); when it cannot, this throws {@link CustomerUnreachableException} and nothing
     * is stored.
     */
    @Transactional
    public ConversationMessage agentReply(TenantId tenant, ConversationId id, String agent, String text) {
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
        return jdbc.sql("""
                                select count(*) from conversation_message m
                                where m.tenant_id = :tenant and m.conversation_id = :id and m.role = 'AGENT'
                                  and m.seq > (select seq from conversation_message
                                               where tenant_id = :tenant and id = :message)
                                """)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .param("message", messageId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Ends the wait for a person that {@code reason} started, when the bot itself has now answered (a question parked
     * while every provider was down): the conversation goes back to the bot unless an agent took it meanwhile.
     */
    @Transactional
    public void resolveHandoff(TenantId tenant, ConversationId id, HandoffReason reason) {
        jdbc.sql(
                        "update conversation set state = 'BOT', handoff_reason = null"
                                + " where tenant_id = :tenant and id = :id and state = 'NEEDS_HUMAN' and handoff_reason = :reason")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("reason", reason.name())
                .update();
    }

    private Conversation start(TenantId tenant, String from, String hash, Channel channel, Instant now) {
        ConversationId id = ConversationId.random();
        jdbc.sql("""
                        insert into conversation (id, tenant_id, channel, customer_hash, customer_sealed,
                            customer_masked, state, started_at, last_activity_at)
                        values (:id, :tenant, :channel, :hash, :sealed, :masked, 'BOT', :now, :now)
                        """)
                .param("id", id.value())
                .param("tenant", tenant.value())
                .param("channel", channel.name())
                .param("hash", hash)
                .param("sealed", hash == null ? null : identifiers.encrypt(from))
                .param("masked", hash == null ? null : CustomerIdentifiers.mask(from))
                .param("now", Timestamp.from(now))
                .update();
        return new Conversation(
                id,
                tenant,
                channel,
                hash == null ? null : CustomerIdentifiers.mask(from),
                ConversationState.BOT,
                null,
                null,
                now,
                now);
    }

    /** A new conversation with the same customer as an old one, whose number is known only in sealed form. */
    private Conversation startLike(TenantId tenant, ConversationId previous, Instant now) {
        ConversationId id = ConversationId.random();
        jdbc.sql("""
                        insert into conversation (id, tenant_id, channel, customer_hash, customer_sealed,
                            customer_masked, state, started_at, last_activity_at)
                        select :id, tenant_id, channel, customer_hash, customer_sealed, customer_masked, 'BOT', :now,
                            :now
                        from conversation where tenant_id = :tenant and id = :previous
                        """)
                .param("id", id.value())
                .param("tenant", tenant.value())
                .param("previous", previous.value())
                .param("now", Timestamp.from(now))
                .update();
        return require(tenant, id);
    }

    private Conversation require(TenantId tenant, ConversationId id) {
        return find(tenant, id).orElseThrow(() -> new IllegalArgumentException("Unknown conversation: " + id));
    }

    private void setState(TenantId tenant, ConversationId id, ConversationState state, String reason, String agent) {
        jdbc.sql("update conversation set state = :state, handoff_reason = :reason, agent = :agent"
                        + " where tenant_id = :tenant and id = :id")
                .param("state", state.name())
                .param("reason", reason)
                .param("agent", agent)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    private int touch(TenantId tenant, ConversationId id, Instant now) {
        return jdbc.sql("update conversation set last_activity_at = :now where tenant_id = :tenant and id = :id")
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
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
        if (touch(tenant, id, now) == 0) {
            throw new IllegalArgumentException("Unknown conversation: " + id);
        }
        UUID messageId = UUID.randomUUID();
        jdbc.sql("""
                        insert into conversation_message (id, conversation_id, tenant_id, role, text, language, outcome,
                            provider, degraded, handoff_reason, handoff_detail, latency_ms, trace, author, created_at)
                        values (:messageId, :id, :tenant, :role, :text, :language, :outcome, :provider, :degraded,
                            :reason, :detail, :latency, :trace, :author, :now)
                        """)
                .param("messageId", messageId)
                .param("id", id.value())
                .param("tenant", tenant.value())
                .param("role", role.name())
                .param("text", text)
                .param("language", language)
                .param("outcome", outcome)
                .param("provider", provider)
                .param("degraded", degraded)
                .param("reason", handoffReason == null ? null : handoffReason.name())
                .param("detail", truncate(handoffDetail, 500))
                .param("latency", latencyMs)
                .param("trace", trace)
                .param("author", author)
                .param("now", Timestamp.from(now))
                .update();
        return new ConversationMessage(
                messageId,
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
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Conversation conversation(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("handoff_reason");
        return new Conversation(
                new ConversationId(rs.getObject("id", UUID.class)),
                TenantId.of(rs.getString("tenant_id")),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("customer_masked"),
                ConversationState.valueOf(rs.getString("state")),
                reason == null ? null : HandoffReason.valueOf(reason),
                rs.getString("agent"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("last_activity_at").toInstant());
    }

    private static ConversationMessage message(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("handoff_reason");
        Long latency = rs.getObject("latency_ms", Long.class);
        return new ConversationMessage(
                rs.getObject("id", UUID.class),
                Role.valueOf(rs.getString("role")),
                rs.getString("text"),
                rs.getString("language"),
                rs.getString("outcome"),
                rs.getString("provider"),
                rs.getBoolean("degraded"),
                reason == null ? null : HandoffReason.valueOf(reason),
                latency,
                rs.getString("trace"),
                rs.getString("author"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("delivery"),
                rs.getString("delivery_error"),
                rs.getString("attachment"));
    }
}
