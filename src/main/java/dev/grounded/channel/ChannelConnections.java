package dev.grounded.channel;

import dev.grounded.channel.whatsapp.Connection;
import dev.grounded.channel.whatsapp.ConnectionStore;
import dev.grounded.channel.whatsapp.waha.WahaSessions;
import dev.grounded.egress.EgressPolicy;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's WhatsApp connections: created with the identifiers and secrets their provider needs, shown with secrets
 * masked and the webhook URL to paste into the provider's console, and for WAHA, the session linked by QR code.
 */
@Service
public class ChannelConnections {

    private final ConnectionStore store;
    private final WahaSessions waha;
    private final WhatsAppProperties properties;
    private final EgressPolicy egress;
    private final Clock clock;

    private final Permissions permissions;

    ChannelConnections(
            ConnectionStore store,
            WahaSessions waha,
            WhatsAppProperties properties,
            EgressPolicy egress,
            Clock clock,
            Permissions permissions) {
        this.permissions = permissions;
        this.store = store;
        this.egress = egress;
        this.waha = waha;
        this.properties = properties;
        this.clock = clock;
    }

    public ChannelConnection create(TenantId tenant, ConnectionDraft draft) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        if (draft.provider() == null) {
            throw new IllegalArgumentException("A connection needs a provider: meta, twilio or waha");
        }
        Connection connection = new Connection(
                ConnectionId.random(),
                tenant,
                draft.provider(),
                name(draft),
                values(draft.provider(), "identifier", draft.provider().identifiers(), draft.identifiers(), Map.of()),
                values(draft.provider(), "secret", draft.provider().secrets(), draft.secrets(), Map.of()),
                null,
                clock.instant());
        validate(connection);
        store.insert(connection, clock.instant());
        return view(connection);
    }

    /** Changes a connection; secrets left out keep their stored values. The provider cannot change. */
    public ChannelConnection update(TenantId tenant, ConnectionId id, ConnectionDraft draft) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        Connection current = require(tenant, id);
        if (draft.provider() != null && draft.provider() != current.provider()) {
            throw new IllegalArgumentException("A connection's provider cannot change; create another connection");
        }
        Provider provider = current.provider();
        Connection changed = new Connection(
                id,
                tenant,
                provider,
                draft.name() == null || draft.name().isBlank() ? current.name() : name(draft),
                values(provider, "identifier", provider.identifiers(), draft.identifiers(), current.identifiers()),
                values(provider, "secret", provider.secrets(), draft.secrets(), current.secrets()),
                current.sessionStatus(),
                current.createdAt());
        validate(changed);
        store.update(changed, clock.instant());
        return view(changed);
    }

    public List<ChannelConnection> list(TenantId tenant) {
        return store.list(tenant).stream().map(this::view).toList();
    }

    public Optional<ChannelConnection> find(TenantId tenant, ConnectionId id) {
        return store.find(tenant, id).map(this::view);
    }

    public boolean delete(TenantId tenant, ConnectionId id) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        return store.delete(tenant, id);
    }

    public List<MessageTemplate> templates(TenantId tenant, ConnectionId id) {
        require(tenant, id);
        return store.templates(tenant, id);
    }

    /**
     * Replaces the connection's approved templates as a whole: all of them are stored, or, when one is invalid, none
     * and the reason names it.
     */
    @Transactional
    public List<MessageTemplate> replaceTemplates(TenantId tenant, ConnectionId id, List<MessageTemplate> templates) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        Connection connection = require(tenant, id);
        Set<String> seen = new HashSet<>();
        for (MessageTemplate template : templates) {
            if (template.name() == null || !template.name().matches("[a-z0-9_]{1,200}")) {
                throw new IllegalArgumentException(
                        "A template name is lower-case letters, digits and underscores, as Meta approved it: "
                                + template.name());
            }
            if (template.language() == null || !template.language().matches("[a-z]{2,3}([_-][A-Za-z]{2,4})?")) {
                throw new IllegalArgumentException("A template language is a code such as en or en_US: "
                        + template.language() + " (" + template.name() + ")");
            }
            if (!seen.add(template.name() + "/" + template.language())) {
                throw new IllegalArgumentException(
                        "The template " + template.name() + " in " + template.language() + " is listed twice");
            }
            if (template.parameters() < 0 || template.parameters() > 20) {
                throw new IllegalArgumentException("A template takes 0 to 20 parameters: " + template.name());
            }
            if (template.body() != null && template.body().length() > 1024) {
                throw new IllegalArgumentException(
                        "A template's body is at most 1,024 characters, as WhatsApp allows: " + template.name());
            }
            int placeholders = MessageTemplate.placeholders(template.body());
            boolean hasBody = template.body() != null && !template.body().isBlank();
            if (hasBody && placeholders != template.parameters()) {
                String uses = placeholders == 0 ? "uses no {{1}}" : "uses {{1}} to {{" + placeholders + "}}";
                throw new IllegalArgumentException("The body of " + template.name() + " " + uses + ", so it takes "
                        + placeholders + " parameters, not " + template.parameters());
            }
            if (connection.provider() == Provider.TWILIO
                    && (template.providerRef() == null
                            || !template.providerRef().startsWith("HX"))) {
                throw new IllegalArgumentException(
                        "A Twilio template needs its Content SID (HX…) as providerRef: " + template.name());
            }
        }
        store.replaceTemplates(tenant, id, templates);
        return store.templates(tenant, id);
    }

    /**
     * Points the WAHA session at this connection's webhook (events {@code message}, {@code message.ack},
     * {@code session.status}, signed with the connection's HMAC key), creating it if WAHA has none, and runs
     * {@code action}: start, stop or restart.
     */
    public ChannelConnection session(TenantId tenant, ConnectionId id, String action) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        Connection connection = requireWaha(tenant, id);
        if (!action.equals("stop")) {
            String url = webhookUrl(connection);
            if (!url.startsWith("http")) {
                throw new IllegalArgumentException("Set GROUNDED_PUBLIC_URL (grounded.whatsapp.public-url) to the URL"
                        + " WAHA reaches this server at, so its webhook can be configured");
            }
            waha.configure(connection, url);
        }
        waha.control(connection, action);
        store.sessionStatus(id, waha.status(connection), clock.instant());
        return view(require(tenant, id));
    }

    /** Asks WAHA for the session's status now. */
    public ChannelConnection refreshSession(TenantId tenant, ConnectionId id) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        Connection connection = requireWaha(tenant, id);
        store.sessionStatus(id, waha.status(connection), clock.instant());
        return view(require(tenant, id));
    }

    /** The QR code (PNG) the business scans with WhatsApp on its phone to link the WAHA session. */
    public byte[] qrCode(TenantId tenant, ConnectionId id) {
        permissions.require(tenant, Permission.MANAGE_SETTINGS);
        return waha.qr(requireWaha(tenant, id));
    }

    private Connection requireWaha(TenantId tenant, ConnectionId id) {
        Connection connection = require(tenant, id);
        if (connection.provider() != Provider.WAHA) {
            throw new IllegalArgumentException("Only a WAHA connection has a session");
        }
        return connection;
    }

    private Connection require(TenantId tenant, ConnectionId id) {
        return store.find(tenant, id).orElseThrow(() -> new IllegalArgumentException("Unknown connection: " + id));
    }

    private String webhookUrl(Connection connection) {
        return properties.webhookUrl(connection.provider(), connection.id());
    }

    private ChannelConnection view(Connection connection) {
        Map<String, String> masked = new LinkedHashMap<>();
        connection.secrets().forEach((key, value) -> masked.put(key, mask(value)));
        String webhook = webhookUrl(connection);
        return new ChannelConnection(
                connection.id(),
                connection.tenant(),
                connection.provider(),
                connection.name(),
                connection.identifiers(),
                masked,
                webhook,
                connection.provider() == Provider.TWILIO ? webhook + "/status" : null,
                connection.sessionStatus(),
                connection.createdAt());
    }

    static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        return "••••" + (secret.length() >= 12 ? secret.substring(secret.length() - 4) : "");
    }

    private static String name(ConnectionDraft draft) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("A connection needs a name of 1 to 100 characters");
        }
        return name;
    }

    private static Map<String, String> values(
            Provider provider,
            String what,
            List<String> names,
            Map<String, String> given,
            Map<String, String> current) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> input = given == null ? Map.of() : given;
        for (String key : input.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException(
                        "A " + provider.code() + " connection has no " + what + " " + key + "; it takes " + names);
            }
        }
        for (String name : names) {
            String value = input.get(name);
            if (value == null || value.isBlank()) {
                value = current.get(name);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("A " + provider.code() + " connection needs the " + what + " " + name
                        + " (it takes " + names + ")");
            }
            values.put(name, value.strip());
        }
        return values;
    }

    /**
     * Identifiers become parts of the providers' URLs: each is held to its provider's form, and a WAHA gateway's URL
     * to the egress policy.
     */
    private void validate(Connection connection) {
        switch (connection.provider()) {
            case WAHA -> {
                egress.check("The WAHA baseUrl", connection.identifier("baseUrl"));
                if (!connection.identifier("session").matches("[A-Za-z0-9_-]{1,54}")) {
                    throw new IllegalArgumentException(
                            "A WAHA session name is 1 to 54 letters, digits, dashes or underscores, such as default");
                }
            }
            case META -> {
                for (String id : List.of("phoneNumberId", "businessAccountId")) {
                    if (!connection.identifier(id).matches("\\d{1,30}")) {
                        throw new IllegalArgumentException("A Meta " + id + " is a number, as Meta's WhatsApp Manager"
                                + " shows it: " + connection.identifier(id));
                    }
                }
            }
            case TWILIO -> {
                if (!connection.identifier("accountSid").matches("AC[A-Za-z0-9]{1,64}")) {
                    throw new IllegalArgumentException("A Twilio accountSid is AC followed by letters and digits");
                }
            }
        }
    }
}
