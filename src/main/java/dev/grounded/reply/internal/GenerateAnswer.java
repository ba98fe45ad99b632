package dev.grounded.reply.internal;

import dev.grounded.conversation.ConversationMessage;
import dev.grounded.llm.ChatFailover;
import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.ChatResult;
import dev.grounded.reply.Reply;
import dev.grounded.reply.Reply.Source;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.Tenant;
import dev.grounded.tenant.TenantService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Generates the answer through the provider chain, within what is left of the time budget, from the passages wrapped
 * as untrusted data, with the conversation so far. The model's NOT_COVERED marker is the knowledge not covering the
 * question; an answer that repeats the system prompt is withheld; no answer leaves the turn to the fallback.
 */
@Component
@Order(700)
class GenerateAnswer implements ReplyStage {

    private static final Logger log = LoggerFactory.getLogger(GenerateAnswer.class);
    /** The least an answer is given to generate, even when a slow rewrite used up most of the budget. */
    private static final Duration MIN_BUDGET = Duration.ofSeconds(1);

    private final ChatProviders providers;
    private final ChatFailover chat;
    private final TenantService tenants;
    private final GroundedPrompt prompt;
    private final AdmitNotCovered notCovered;

    GenerateAnswer(
            ChatProviders providers,
            ChatFailover chat,
            TenantService tenants,
            GroundedPrompt prompt,
            AdmitNotCovered notCovered) {
        this.providers = providers;
        this.chat = chat;
        this.tenants = tenants;
        this.prompt = prompt;
        this.notCovered = notCovered;
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        if (providers.isEmpty()) {
            return Optional.empty();
        }
        List<RetrievedChunk> relevant = turn.relevant();
        List<Source> sources = relevant.stream().map(Turn::source).toList();
        String business = tenants.find(turn.tenant())
                .map(Tenant::name)
                .orElse(turn.tenant().value());
        GroundedPrompt.Built built = prompt.build(
                business, turn.settings(), turn.language(), turn.question(), turns(turn.history()), relevant);
        Duration left = chat.budget().minus(turn.elapsed());
        ChatResult result =
                chat.call(built.prompt(), turn.preference(), left.compareTo(MIN_BUDGET) > 0 ? left : MIN_BUDGET);
        turn.attempts(result.attempts());
        turn.lap("generation");
        if (!result.answered()) {
            return Optional.empty();
        }
        if (PromptLeakGuard.leaks(result.text(), built.rules(), built.canary())) {
            log.warn("Withheld an answer of {} that repeated the system prompt", result.provider());
            return Optional.empty();
        }
        if (result.text().contains(GroundedPrompt.NOT_COVERED)) {
            return Optional.of(notCovered.notCovered(turn));
        }
        return Optional.of(Reply.answered(result.text(), turn.language(), sources, result.provider(), turn.made()));
    }

    /** The earlier messages for the prompt, each with who wrote it. */
    private static List<String> turns(List<ConversationMessage> history) {
        return history.stream()
                .filter(m -> m.text() != null && !m.text().isBlank())
                .map(m -> switch (m.role()) {
                    case CUSTOMER -> "Customer: " + m.text();
                    case BOT -> "Assistant: " + m.text();
                    case AGENT -> "Agent: " + m.text();
                })
                .toList();
    }
}
