package dev.grounded.reply.internal;

import dev.grounded.reply.Question;
import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyService;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AskController {

    record AskRequest(
            @NotBlank @Size(max = 4000) String question,
            @Size(max = 64) String conversationId,
            @Size(max = 64) String from) {}

    private final ReplyService replies;

    AskController(ReplyService replies) {
        this.replies = replies;
    }

    @Requires(Permission.ASK)
    @PostMapping("/api/v1/tenants/{tenant}/ask")
    Reply ask(@PathVariable String tenant, @Valid @RequestBody AskRequest request) {
        return replies.ask(
                TenantId.of(tenant), new Question(request.question(), request.conversationId(), request.from()));
    }
}
