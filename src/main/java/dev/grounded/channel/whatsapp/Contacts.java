package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ConnectionId;
import dev.grounded.conversation.CustomerIdentifiers;
import dev.grounded.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Contacts per connection: numbers sealed, found by the same keyed hash conversations use. */
@Repository
public class Contacts {

    private static final String COLUMNS = """
            id, tenant_id, connection_id, customer_hash, customer_sealed, customer_masked, language, opted_out,
            last_inbound_at
            """;

    private final JdbcClient jdbc;
    private final CustomerIdentifiers identifiers;

    Contacts(JdbcClient jdbc, CustomerIdentifiers identifiers) {
        this.jdbc = jdbc;
        this.identifiers = identifiers;
    }

    public String hash(String identifier) {
        return identifiers.hash(identifier);
    }

    /** The contact who wrote, created on their first message; their window reopens with this message. */
    @Transactional
    public Contact inbound(Connection connection, String from, String profileName, Instant sentAt, Instant now) {
        String hash = identifiers.hash(from);
        jdbc.sql("""
                        insert into whatsapp_contact (id, tenant_id, connection_id, customer_hash, customer_sealed,
                            customer_masked, profile_name, created_at)
                        values (:id, :tenant, :connection, :hash, :sealed, :masked, :name, :now)
                        on conflict do nothing
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", connection.tenant().value())
                .param("connection", connection.id().value())
                .param("hash", hash)
                .param("sealed", identifiers.encrypt(from))
                .param("masked", CustomerIdentifiers.mask(from))
                .param("name", profileName == null ? null : truncate(profileName, 200))
                .param("now", Timestamp.from(now))
                .update();
        // The window runs from the customer's message; a clock ahead of ours must not stretch it.
        Instant at = sentAt == null || sentAt.isAfter(now) ? now : sentAt;
        jdbc.sql("""
                        update whatsapp_contact set
                            last_inbound_at = case when last_inbound_at is null or last_inbound_at < :at then :at
                                else last_inbound_at end,
                            profile_name = coalesce(:name, profile_name)
                        where connection_id = :connection and customer_hash = :hash
                        """)
                .param("at", Timestamp.from(at))
                .param("name", profileName == null ? null : truncate(profileName, 200))
                .param("connection", connection.id().value())
                .param("hash", hash)
                .update();
        return find(connection.id(), hash).orElseThrow();
    }

    public Optional<Contact> find(ConnectionId connection, String hash) {
        return jdbc.sql("""
                        select %s
                        from whatsapp_contact
                        where connection_id = :connection and customer_hash = :hash
                        """.formatted(COLUMNS))
                .param("connection", connection.value())
                .param("hash", hash)
                .query(this::contact)
                .optional();
    }

    public Optional<Contact> find(UUID id) {
        return jdbc.sql("""
                        select %s
                        from whatsapp_contact
                        where id = :id
                        """.formatted(COLUMNS))
                .param("id", id)
                .query(this::contact)
                .optional();
    }

    /** The contact a tenant's customer last wrote from, when they wrote through several of its numbers. */
    public Optional<Contact> forCustomer(TenantId tenant, String identifier) {
        return jdbc.sql("""
                        select %s
                        from whatsapp_contact
                        where tenant_id = :tenant and customer_hash = :hash
                        order by last_inbound_at desc nulls last fetch first 1 rows only
                        """.formatted(COLUMNS))
                .param("tenant", tenant.value())
                .param("hash", identifiers.hash(identifier))
                .query(this::contact)
                .optional();
    }

    /**
     * Forgets the customer on every connection of the tenant; their outbox messages go with them (cascade).
     *
     * @return how many contacts it deleted
     */
    public int erase(TenantId tenant, String hash) {
        return jdbc.sql("delete from whatsapp_contact where tenant_id = :tenant and customer_hash = :hash")
                .param("tenant", tenant.value())
                .param("hash", hash)
                .update();
    }

    /**
     * Deletes up to {@code batch} contacts that last wrote before {@code cutoff}, except those that opted out (kept to
     * honour it) and those with messages still to send.
     *
     * @return how many it deleted
     */
    public int purgeInactive(Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from whatsapp_contact where id in (
                            select c.id from whatsapp_contact c
                            where c.opted_out = false and coalesce(c.last_inbound_at, c.created_at) < :cutoff
                              and not exists (select 1 from outbox_message o where o.contact_id = c.id
                                              and o.status in ('PENDING', 'SENDING', 'UNKNOWN'))
                            order by c.created_at fetch first :batch rows only)
                        """)
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    /** Marks the contact opted out (or back in); false when it already was, so the confirmation goes once. */
    public boolean optOut(Contact contact, boolean out, Instant now) {
        return jdbc.sql("""
                        update whatsapp_contact
                        set opted_out = :out, opted_out_at = :at
                        where id = :id and opted_out = :was
                        """)
                        .param("out", out)
                        .param("at", out ? Timestamp.from(now) : null)
                        .param("id", contact.id())
                        .param("was", !out)
                        .update()
                > 0;
    }

    public void language(Contact contact, String language) {
        jdbc.sql("update whatsapp_contact set language = :language where id = :id")
                .param("language", language)
                .param("id", contact.id())
                .update();
    }

    private Contact contact(ResultSet rs, int row) throws SQLException {
        Timestamp last = rs.getTimestamp("last_inbound_at");
        return new Contact(
                rs.getObject("id", UUID.class),
                TenantId.of(rs.getString("tenant_id")),
                new ConnectionId(rs.getObject("connection_id", UUID.class)),
                rs.getString("customer_hash"),
                identifiers.decrypt(rs.getString("customer_sealed")),
                rs.getString("customer_masked"),
                rs.getString("language"),
                rs.getBoolean("opted_out"),
                last == null ? null : last.toInstant());
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
