package dev.grounded.conversation.internal;

import dev.grounded.conversation.Conversation;
import dev.grounded.conversation.ConversationId;
import dev.grounded.conversation.ConversationMessage;
import dev.grounded.conversation.ConversationService;
import dev.grounded.conversation.ConversationState;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Conversations for agents and integrations: read them with every reply's trace, take over, reply, release, close. */
@RestController
@Validated
class ConversationsController {

    record Thread(Conversation conversation, List<ConversationMessage> messages) {}

    record TakeOver(@NotBlank @Size(max = 100) String agent) {}

    record AgentMessage(
            @NotBlank @Size(max = 100) String agent,
            @NotBlank @Size(max = 4096) String text) {}

    record CustomerToErase(@NotBlank @Size(max = 100) String customer) {}

    private final ConversationService conversations;

    ConversationsController(ConversationService conversations) {
        this.conversations = conversations;
    }

    /** A customer who asks to be forgotten: their conversations and what the channels hold about them. */
    @Requires(Permission.ERASE_CUSTOMERS)
    @PostMapping("/api/v1/tenants/{tenant}/customers/erase")
    ConversationService.Erased erase(@PathVariable String tenant, @Valid @RequestBody CustomerToErase body) {
        return conversations.eraseCustomer(TenantId.of(tenant), body.customer());
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/conversations")
    List<Conversation> list(
            @PathVariable String tenant,
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return conversations.list(TenantId.of(tenant), state == null ? null : state(state), limit);
    }

    @Requires(Permission.READ)
    @GetMapping("/api/v1/tenants/{tenant}/conversations/{id}")
    Thread get(@PathVariable String tenant, @PathVariable String id) {
        TenantId tenantId = TenantId.of(tenant);
        ConversationId conversationId = ConversationId.parse(id);
        Conversation conversation = conversations
                .find(tenantId, conversationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No conversation " + id));
        return new Thread(conversation, conversations.messages(tenantId, conversationId));
    }

    @Requires(Permission.HANDLE_CONVERSATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/conversations/{id}/takeover")
    Conversation takeOver(@PathVariable String tenant, @PathVariable String id, @Valid @RequestBody TakeOver body) {
        return conversations.takeOver(TenantId.of(tenant), existing(tenant, id), body.agent());
    }

    @Requires(Permission.HANDLE_CONVERSATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/conversations/{id}/release")
    Conversation release(@PathVariable String tenant, @PathVariable String id) {
        return conversations.release(TenantId.of(tenant), existing(tenant, id));
    }

    @Requires(Permission.HANDLE_CONVERSATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/conversations/{id}/close")
    Conversation close(@PathVariable String tenant, @PathVariable String id) {
        return conversations.close(TenantId.of(tenant), existing(tenant, id));
    }

    @Requires(Permission.HANDLE_CONVERSATIONS)
    @PostMapping("/api/v1/tenants/{tenant}/conversations/{id}/messages")
    ConversationMessage reply(
            @PathVariable String tenant, @PathVariable String id, @Valid @RequestBody AgentMessage body) {
        return conversations.agentReply(TenantId.of(tenant), existing(tenant, id), body.agent(), body.text());
    }

    private ConversationId existing(String tenant, String id) {
        ConversationId conversationId = ConversationId.parse(id);
        if (conversations.find(TenantId.of(tenant), conversationId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No conversation " + id);
        }
        return conversationId;
    }

    private static ConversationState state(String code) {
        try {
            return ConversationState.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown state " + code + "; one of bot, needs_human, with_agent, closed");
        }
    }
}
