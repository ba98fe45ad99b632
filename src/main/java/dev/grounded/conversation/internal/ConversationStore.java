package dev.grounded.conversation.internal;

import dev.grounded.conversation.Channel;
import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationMessage.Role;
import dev.grounded.conversation.ConversationState;
import dev.grounded.conversation.Delivery;
import dev.grounded.conversation.InboxItem;
import dev.grounded.handoff.HandoffReason;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The conversation and conversation_message tables. Every statement names the tenant, so one tenant's conversation is
 * never read or changed through another tenant's request, even with a guessed id. Evaluation runs' conversations are
 * left out of what the agents see.
 */
@Repository
public class ConversationStore {

    private static final String CONVERSATION_COLUMNS =
            "id, tenant_id, channel, customer_masked, state, handoff_reason, agent, started_at, last_activity_at";
    private static final String MESSAGE_COLUMNS = """
            id, role, text, language, outcome, provider, degraded, handoff_reason, latency_ms, trace, author,
            created_at, delivery, delivery_error, attachment""";
    /**
     * Conversations people look after: not evaluation runs, and not the Playground's anonymous tries (a tester who gives
     * a phone number plays a customer, and that conversation is handled like one).
     */
    private static String withCustomers(String alias) {
        return "%1$schannel <> 'EVALUATION' and (%1$schannel <> 'PLAYGROUND' or %1$scustomer_hash is not null)"
                .formatted(alias);
    }

    private static final String INBOX = """
            select c.id, c.tenant_id, c.channel, c.customer_masked, c.state, c.handoff_reason, c.agent,
                c.started_at, c.last_activity_at,
                (select count(*) from conversation_message m where m.conversation_id = c.id
                   and m.role = 'CUSTOMER' and m.seq > coalesce(c.seen_seq, 0)) as unread,
                (select m.text from conversation_message m where m.conversation_id = c.id
                   order by m.seq desc fetch first 1 rows only) as last_message
            from conversation c where c.tenant_id = :tenant and %s %s
            order by c.last_activity_at desc fetch first :limit rows only
            """;

    private final JdbcClient jdbc;

    public ConversationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's conversation that is not closed, most recently active first. */
    public Optional<Conversation> current(TenantId tenant, String customerHash) {
        return jdbc.sql("""
                        select %s from conversation
                        where tenant_id = :tenant and customer_hash = :hash and state <> 'CLOSED'
                        order by last_activity_at desc fetch first 1 rows only
                        """.formatted(CONVERSATION_COLUMNS))
                .param("tenant", tenant.value())
                .param("hash", customerHash)
                .query(ConversationStore::conversation)
                .optional();
    }

    public Optional<Conversation> find(TenantId tenant, ConversationId id) {
        return jdbc.sql("select %s from conversation where tenant_id = :tenant and id = :id"
                        .formatted(CONVERSATION_COLUMNS))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(ConversationStore::conversation)
                .optional();
    }

    /** The tenant's conversations with customers in {@code state} (all when null), most recently active first. */
    public List<Conversation> list(TenantId tenant, ConversationState state, int limit) {
        return jdbc.sql("""
                        select %s from conversation where tenant_id = :tenant and %s %s
                        order by last_activity_at desc fetch first :limit rows only
                        """.formatted(
                                CONVERSATION_COLUMNS, withCustomers(""), state == null ? "" : "and state = :state"))
                .param("tenant", tenant.value())
                .param("state", state == null ? null : state.name())
                .param("limit", limit)
                .query(ConversationStore::conversation)
                .list();
    }

    /** The agents' inbox: conversations in {@code state} (all when null), each with its unread count and last text. */
    public List<InboxItem> inbox(TenantId tenant, ConversationState state, int limit) {
        return jdbc.sql(INBOX.formatted(withCustomers("c."), state == null ? "" : "and c.state = :state"))
                .param("tenant", tenant.value())
                .param("state", state == null ? null : state.name())
                .param("limit", limit)
                .query((rs, row) ->
                        new InboxItem(conversation(rs, row), rs.getInt("unread"), rs.getString("last_message")))
                .list();
    }

    public Map<ConversationState, Integer> countByState(TenantId tenant) {
        Map<ConversationState, Integer> counts = new EnumMap<>(ConversationState.class);
        jdbc.sql("""
                        select state, count(*) as n from conversation
                        where tenant_id = :tenant and %s
                        group by state
                        """.formatted(withCustomers("")))
                .param("tenant", tenant.value())
                .query(rs -> {
                    counts.put(ConversationState.valueOf(rs.getString("state")), rs.getInt("n"));
                });
        return counts;
    }

    /** Marks every message so far read; false when nothing was unread. */
    public boolean markSeen(TenantId tenant, ConversationId id) {
        return jdbc.sql("""
                                update conversation set seen_seq = (select max(m.seq) from conversation_message m
                                                                    where m.conversation_id = conversation.id)
                                where tenant_id = :tenant and id = :id
                                  and coalesce(seen_seq, 0) < (select coalesce(max(m.seq), 0) from conversation_message m
                                                               where m.conversation_id = conversation.id)
                                """)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    /** The conversation's messages in order. */
    public List<ConversationMessage> messages(TenantId tenant, ConversationId id) {
        return jdbc.sql("""
                        select %s from conversation_message
                        where tenant_id = :tenant and conversation_id = :id order by seq
                        """.formatted(MESSAGE_COLUMNS))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(ConversationStore::message)
                .list();
    }

    /** The conversation's last {@code limit} messages, newest first. */
    public List<ConversationMessage> newest(TenantId tenant, ConversationId id, int limit) {
        return jdbc.sql("""
                        select %s from conversation_message
                        where tenant_id = :tenant and conversation_id = :id order by seq desc
                        fetch first :limit rows only
                        """.formatted(MESSAGE_COLUMNS))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("limit", limit)
                .query(ConversationStore::message)
                .list();
    }

    /** The customer's identifier as sealed, when the conversation has one. */
    public Optional<String> customerSealed(TenantId tenant, ConversationId id) {
        return jdbc.sql("select customer_sealed from conversation where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(String.class)
                .optional();
    }

    /** The keyed hash of the customer's identifier, when the conversation has one. */
    public Optional<String> customerHash(TenantId tenant, ConversationId id) {
        return jdbc.sql("select customer_hash from conversation where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(String.class)
                .optional();
    }

    /** Starts a conversation; the customer's identifier comes hashed, sealed and masked, or not at all. */
    public void start(
            TenantId tenant,
            ConversationId id,
            Channel channel,
            String customerHash,
            String customerSealed,
            String customerMasked,
            Instant now) {
        jdbc.sql("""
                        insert into conversation (id, tenant_id, channel, customer_hash, customer_sealed,
                            customer_masked, state, started_at, last_activity_at)
                        values (:id, :tenant, :channel, :hash, :sealed, :masked, 'BOT', :now, :now)
                        """)
                .param("id", id.value())
                .param("tenant", tenant.value())
                .param("channel", channel.name())
                .param("hash", customerHash)
                .param("sealed", customerSealed)
                .param("masked", customerMasked)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Starts a conversation with the same customer and channel as {@code previous}. */
    public void startLike(TenantId tenant, ConversationId previous, ConversationId id, Instant now) {
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
    }

    /** Marks the conversation active; 0 when the tenant has no such conversation. */
    public int touch(TenantId tenant, ConversationId id, Instant now) {
        return jdbc.sql("update conversation set last_activity_at = :now where tenant_id = :tenant and id = :id")
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    public void setState(TenantId tenant, ConversationId id, ConversationState state, String reason, String agent) {
        jdbc.sql("""
                        update conversation set state = :state, handoff_reason = :reason, agent = :agent
                        where tenant_id = :tenant and id = :id
                        """)
                .param("state", state.name())
                .param("reason", reason)
                .param("agent", agent)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    /**
     * A bot conversation waits for a person; false when it was not the bot's (already waiting, or an agent's), or is
     * an anonymous Playground try, which nobody would answer. An evaluation run's conversation does wait: the run
     * reads its state, and no agent is called for it.
     */
    public boolean queueForPerson(TenantId tenant, ConversationId id, HandoffReason reason) {
        return jdbc.sql("""
                                update conversation set state = 'NEEDS_HUMAN', handoff_reason = :reason
                                where tenant_id = :tenant and id = :id and state = 'BOT'
                                  and (channel <> 'PLAYGROUND' or customer_hash is not null)
                                """)
                        .param("reason", reason.name())
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    public void takeOver(TenantId tenant, ConversationId id, String agent) {
        jdbc.sql("""
                        update conversation set state = 'WITH_AGENT', agent = :agent,
                            handoff_reason = coalesce(handoff_reason, 'CUSTOMER_REQUEST')
                        where tenant_id = :tenant and id = :id
                        """)
                .param("agent", agent)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    /** Back to the bot, when the wait for a person was for {@code reason} and nobody took it meanwhile. */
    public void resolveHandoff(TenantId tenant, ConversationId id, HandoffReason reason) {
        jdbc.sql("""
                        update conversation set state = 'BOT', handoff_reason = null
                        where tenant_id = :tenant and id = :id and state = 'NEEDS_HUMAN' and handoff_reason = :reason
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("reason", reason.name())
                .update();
    }

    /** Stores a message of the conversation; {@code handoffDetail} is kept with it, not read back. */
    public void insertMessage(TenantId tenant, ConversationId id, ConversationMessage message, String handoffDetail) {
        jdbc.sql("""
                        insert into conversation_message (id, conversation_id, tenant_id, role, text, language, outcome,
                            provider, degraded, handoff_reason, handoff_detail, latency_ms, trace, author, created_at)
                        values (:messageId, :id, :tenant, :role, :text, :language, :outcome, :provider, :degraded,
                            :reason, :detail, :latency, :trace, :author, :now)
                        """)
                .param("messageId", message.id())
                .param("id", id.value())
                .param("tenant", tenant.value())
                .param("role", message.role().name())
                .param("text", message.text())
                .param("language", message.language())
                .param("outcome", message.outcome())
                .param("provider", message.provider())
                .param("degraded", message.degraded())
                .param(
                        "reason",
                        message.handoffReason() == null
                                ? null
                                : message.handoffReason().name())
                .param("detail", truncate(handoffDetail, 500))
                .param("latency", message.latencyMs())
                .param("trace", message.trace())
                .param("author", message.author())
                .param("now", Timestamp.from(message.createdAt()))
                .update();
    }

    public void attach(TenantId tenant, UUID messageId, String attachment) {
        jdbc.sql("update conversation_message set attachment = :attachment where tenant_id = :tenant and id = :id")
                .param("attachment", attachment)
                .param("tenant", tenant.value())
                .param("id", messageId)
                .update();
    }

    /** Records how far a message got; a status never goes back, and the same one again updates its error. */
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

    /** Sets a message's delivery whatever it was (a failed message sent again starts over). */
    public void resetDelivery(TenantId tenant, UUID messageId, Delivery delivery) {
        jdbc.sql("""
                        update conversation_message set delivery = :delivery, delivery_error = null
                        where tenant_id = :tenant and id = :id
                        """)
                .param("delivery", delivery.code())
                .param("tenant", tenant.value())
                .param("id", messageId)
                .update();
    }

    /** Whether an agent wrote in the conversation after the message {@code messageId}. */
    public boolean agentWroteAfter(TenantId tenant, ConversationId id, UUID messageId) {
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

    public int countMessages(TenantId tenant, ConversationId id) {
        return jdbc.sql("""
                        select count(*) from conversation_message m join conversation c on c.id = m.conversation_id
                        where c.tenant_id = :tenant and c.id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(Integer.class)
                .single();
    }

    public int countCustomerMessages(TenantId tenant, String customerHash) {
        return jdbc.sql("""
                        select count(*) from conversation_message m join conversation c on c.id = m.conversation_id
                        where c.tenant_id = :tenant and c.customer_hash = :hash
                        """)
                .param("tenant", tenant.value())
                .param("hash", customerHash)
                .query(Integer.class)
                .single();
    }

    /** Deletes the conversation with its messages. */
    public int delete(TenantId tenant, ConversationId id) {
        return jdbc.sql("delete from conversation where tenant_id = :tenant and id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    /** Deletes every conversation of the customer with their messages. */
    public int deleteCustomer(TenantId tenant, String customerHash) {
        return jdbc.sql("delete from conversation where tenant_id = :tenant and customer_hash = :hash")
                .param("tenant", tenant.value())
                .param("hash", customerHash)
                .update();
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

    /**
     * Deletes up to {@code batch} conversations of any tenant with the bot or closed and last active before
     * {@code cutoff}, with their messages; the retention job's one statement, crossing tenants on purpose.
     */
    public int deleteFinishedBefore(Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from conversation where id in (
                            select id from conversation
                            where state in ('BOT', 'CLOSED') and last_activity_at < :cutoff
                            order by last_activity_at fetch first :batch rows only)
                        """)
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }
}
