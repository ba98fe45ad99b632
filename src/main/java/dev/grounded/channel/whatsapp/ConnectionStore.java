package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.MessageTemplate;
import dev.grounded.channel.Provider;
import dev.grounded.conversation.SecretBox;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Channel connections and their templates. Secrets are sealed as one JSON object with the channel-secrets key. */
@Repository
public class ConnectionStore {

    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, tenant_id, provider, name, identifiers, secrets_sealed, session_status, created_at";

    /** How long a webhook may see a connection as it was: a change made on another instance shows within this. */
    private static final Duration CACHED = Duration.ofSeconds(5);

    private record Cached(Optional<Connection> connection, long until) {}

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final Map<ConnectionId, Cached> cache = new ConcurrentHashMap<>();

    ConnectionStore(JdbcClient jdbc, SecretBox secrets, JsonMapper json) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.json = json;
    }

    public void insert(Connection connection, Instant now) {
        jdbc.sql("""
                        insert into channel_connection (id, tenant_id, provider, name, identifiers, secrets_sealed,
                            created_at, updated_at)
                        values (:id, :tenant, :provider, :name, :identifiers, :secrets, :now, :now)
                        """)
                .param("id", connection.id().value())
                .param("tenant", connection.tenant().value())
                .param("provider", connection.provider().name())
                .param("name", connection.name())
                .param("identifiers", json.writeValueAsString(connection.identifiers()))
                .param("secrets", secrets.seal(json.writeValueAsString(connection.secrets())))
                .param("now", Timestamp.from(now))
                .update();
    }

    public void update(Connection connection, Instant now) {
        cache.remove(connection.id());
        jdbc.sql("""
                        update channel_connection set name = :name, identifiers = :identifiers,
                            secrets_sealed = :secrets, updated_at = :now
                        where tenant_id = :tenant and id = :id
                        """)
                .param("id", connection.id().value())
                .param("tenant", connection.tenant().value())
                .param("name", connection.name())
                .param("identifiers", json.writeValueAsString(connection.identifiers()))
                .param("secrets", secrets.seal(json.writeValueAsString(connection.secrets())))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * The connection a webhook URL names, as read at most a few seconds ago: every webhook call needs it, and a database
     * read and a decryption per call would cost more than the rest of the acknowledgement.
     */
    public Optional<Connection> findForWebhook(ConnectionId id) {
        long now = System.nanoTime();
        Cached cached = cache.get(id);
        if (cached != null && cached.until() - now > 0) {
            return cached.connection();
        }
        Optional<Connection> connection = find(id);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(id, new Cached(connection, now + CACHED.toNanos()));
        return connection;
    }

    /** The connection a webhook URL names, whichever tenant it belongs to: the URL is the only thing a provider sends. */
    public Optional<Connection> find(ConnectionId id) {
        return jdbc.sql("""
                        select %s
                        from channel_connection
                        where id = :id
                        """.formatted(COLUMNS))
                .param("id", id.value())
                .query(this::connection)
                .optional();
    }

    public Optional<Connection> find(TenantId tenant, ConnectionId id) {
        return jdbc.sql("""
                        select %s
                        from channel_connection
                        where tenant_id = :tenant and id = :id
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(this::connection)
                .optional();
    }

    public List<Connection> list(TenantId tenant) {
        return jdbc.sql("""
                        select %s
                        from channel_connection
                        where tenant_id = :tenant
                        order by created_at
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value())
                .query(this::connection)
                .list();
    }

    public boolean delete(TenantId tenant, ConnectionId id) {
        cache.remove(id);
        return jdbc.sql("delete from channel_connection where tenant_id = :tenant and id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    /**
     * Records the WAHA session's status as of {@code at}, unless a later one is known.
     *
     * @return false when a later status was recorded already
     */
    public boolean sessionStatus(ConnectionId id, String status, Instant at) {
        return jdbc.sql("""
                                update channel_connection
                                set session_status = :status, session_status_at = :at, updated_at = :at
                                where id = :id and (session_status_at is null or session_status_at <= :at)
                                """)
                        .param("status", status)
                        .param("at", Timestamp.from(at))
                        .param("id", id.value())
                        .update()
                > 0;
    }

    @Transactional
    public void replaceTemplates(TenantId tenant, ConnectionId id, List<MessageTemplate> templates) {
        jdbc.sql("delete from message_template where tenant_id = :tenant and connection_id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
        for (MessageTemplate template : templates) {
            jdbc.sql("""
                            insert into message_template (id, connection_id, tenant_id, name, language, parameters,
                                body, provider_ref)
                            values (:id, :connection, :tenant, :name, :language, :parameters, :body, :ref)
                            """)
                    .param("id", UUID.randomUUID())
                    .param("connection", id.value())
                    .param("tenant", tenant.value())
                    .param("name", template.name())
                    .param("language", template.language())
                    .param("parameters", template.parameters())
                    .param("body", template.body())
                    .param("ref", template.providerRef())
                    .update();
        }
    }

    public List<MessageTemplate> templates(TenantId tenant, ConnectionId id) {
        return jdbc.sql("""
                        select name, language, parameters, body, provider_ref from message_template
                        where tenant_id = :tenant and connection_id = :id order by name, language
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((rs, n) -> new MessageTemplate(
                        rs.getString("name"),
                        rs.getString("language"),
                        rs.getInt("parameters"),
                        rs.getString("body"),
                        rs.getString("provider_ref")))
                .list();
    }

    /** What a connection last did, for the operator's health report. */
    public record LastOutcome(
            TenantId tenant,
            Provider provider,
            String name,
            String sessionStatus,
            String lastSend,
            String lastSendError,
            Instant lastSendAt,
            Instant lastReceivedAt) {}

    /** Every connection of the installation with its newest outbound message's status and its newest inbound event. */
    public List<LastOutcome> lastOutcomes() {
        return jdbc.sql("""
                        select c.tenant_id, c.provider, c.name, c.session_status, o.status, o.error_code, o.updated_at,
                            (select max(i.received_at) from inbox_event i where i.connection_id = c.id) as received_at
                        from channel_connection c
                        left join outbox_message o
                            on o.seq = (select max(m.seq) from outbox_message m where m.connection_id = c.id)
                        order by c.tenant_id, c.created_at
                        """)
                .query((rs, row) -> new LastOutcome(
                        TenantId.of(rs.getString("tenant_id")),
                        Provider.valueOf(rs.getString("provider")),
                        rs.getString("name"),
                        rs.getString("session_status"),
                        rs.getString("status"),
                        rs.getString("error_code"),
                        instant(rs, "updated_at"),
                        instant(rs, "received_at")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Connection connection(ResultSet rs, int row) throws SQLException {
        return new Connection(
                new ConnectionId(rs.getObject("id", UUID.class)),
                TenantId.of(rs.getString("tenant_id")),
                Provider.valueOf(rs.getString("provider")),
                rs.getString("name"),
                Map.copyOf(json.readValue(rs.getString("identifiers"), MAP)),
                Map.copyOf(json.readValue(secrets.open(rs.getString("secrets_sealed")), MAP)),
                rs.getString("session_status"),
                rs.getTimestamp("created_at").toInstant());
    }
}
