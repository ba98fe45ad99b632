package dev.grounded.channel.whatsapp;

import dev.grounded.channel.ChannelConnection;
import dev.grounded.channel.ChannelConnections;
import dev.grounded.channel.ConnectionDraft;
import dev.grounded.channel.ConnectionId;
import dev.grounded.channel.CustomerWindow;
import dev.grounded.channel.MessageTemplate;
import dev.grounded.channel.OutboxEntry;
import dev.grounded.channel.WhatsAppMessaging;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** WhatsApp connections, their templates and outbox, WAHA sessions, and what agents need to write to a customer. */
@RestController
@Validated
class ChannelsController {

    record TemplateMessage(
            @NotBlank @Size(max = 100) String agent,
            @NotBlank String template,
            @NotBlank String language,
            List<String> parameters) {}

    private final ChannelConnections connections;
    private final WhatsAppMessaging messaging;

    ChannelsController(ChannelConnections connections, WhatsAppMessaging messaging) {
        this.connections = connections;
        this.messaging = messaging;
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/channels")
    List<ChannelConnection> list(@PathVariable String tenant) {
        return connections.list(TenantId.of(tenant));
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @PostMapping("/api/v1/tenants/{tenant}/channels")
    ResponseEntity<ChannelConnection> create(@PathVariable String tenant, @RequestBody ConnectionDraft draft) {
        ChannelConnection created = connections.create(TenantId.of(tenant), draft);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/channels/" + created.id()))
                .body(created);
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/channels/{id}")
    ChannelConnection get(@PathVariable String tenant, @PathVariable String id) {
        return connections
                .find(TenantId.of(tenant), connection(id))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No connection " + id));
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @PutMapping("/api/v1/tenants/{tenant}/channels/{id}")
    ChannelConnection update(@PathVariable String tenant, @PathVariable String id, @RequestBody ConnectionDraft draft) {
        return connections.update(TenantId.of(tenant), existing(tenant, id), draft);
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @DeleteMapping("/api/v1/tenants/{tenant}/channels/{id}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String id) {
        return connections.delete(TenantId.of(tenant), connection(id))
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/channels/{id}/templates")
    List<MessageTemplate> templates(@PathVariable String tenant, @PathVariable String id) {
        return connections.templates(TenantId.of(tenant), existing(tenant, id));
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @PutMapping("/api/v1/tenants/{tenant}/channels/{id}/templates")
    List<MessageTemplate> replaceTemplates(
            @PathVariable String tenant, @PathVariable String id, @RequestBody List<MessageTemplate> templates) {
        return connections.replaceTemplates(TenantId.of(tenant), existing(tenant, id), templates);
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/channels/{id}/outbox")
    List<OutboxEntry> outbox(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        if (status != null
                && !List.of("pending", "sending", "unknown", "sent", "dead").contains(status)) {
            throw new IllegalArgumentException(
                    "Unknown status " + status + "; one of pending, sending, unknown, sent, dead");
        }
        return messaging.outbox(TenantId.of(tenant), existing(tenant, id), status, limit);
    }

    @Requires(Permission.HANDLE_CONVERSATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/outbox/{message}/retry")
    ResponseEntity<Void> retry(@PathVariable String tenant, @PathVariable UUID message) {
        return messaging.retry(TenantId.of(tenant), message)
                ? ResponseEntity.accepted().build()
                : ResponseEntity.notFound().build();
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @PostMapping("/api/v1/tenants/{tenant}/channels/{id}/session/{action}")
    ChannelConnection session(@PathVariable String tenant, @PathVariable String id, @PathVariable String action) {
        return connections.session(TenantId.of(tenant), existing(tenant, id), action);
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @GetMapping("/api/v1/tenants/{tenant}/channels/{id}/session")
    ChannelConnection sessionStatus(@PathVariable String tenant, @PathVariable String id) {
        return connections.refreshSession(TenantId.of(tenant), existing(tenant, id));
    }

    @Requires(Permission.MANAGE_SETTINGS)
    @GetMapping(value = "/api/v1/tenants/{tenant}/channels/{id}/session/qr", produces = MediaType.IMAGE_PNG_VALUE)
    byte[] qr(@PathVariable String tenant, @PathVariable String id) {
        return connections.qrCode(TenantId.of(tenant), existing(tenant, id));
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/conversations/{id}/whatsapp")
    CustomerWindow window(@PathVariable String tenant, @PathVariable String id) {
        return messaging
                .window(TenantId.of(tenant), ConversationId.parse(id))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No WhatsApp conversation " + id));
    }

    @Requires(Permission.HANDLE_CONVERSATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/conversations/{id}/template")
    ConversationMessage sendTemplate(
            @PathVariable String tenant, @PathVariable String id, @Valid @RequestBody TemplateMessage body) {
        return messaging.sendTemplate(
                TenantId.of(tenant),
                ConversationId.parse(id),
                body.agent(),
                body.template(),
                body.language(),
                body.parameters());
    }

    private ConnectionId existing(String tenant, String id) {
        ConnectionId connection = connection(id);
        if (connections.find(TenantId.of(tenant), connection).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No connection " + id);
        }
        return connection;
    }

    private static ConnectionId connection(String id) {
        try {
            return ConnectionId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No connection " + id);
        }
    }

    @ExceptionHandler(SendException.class)
    ProblemDetail provider(SendException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
    }
}
