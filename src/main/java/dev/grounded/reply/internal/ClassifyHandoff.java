package dev.grounded.reply.internal;

import dev.grounded.handoff.HandoffReason;
import dev.grounded.handoff.HandoffTriggers;
import dev.grounded.llm.ChatProviders;
import dev.grounded.llm.FailoverChatModel;
import dev.grounded.reply.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * A message that names a person, a complaint or a feeling the cues in context did not take for a handoff ("Who is the
 * manager?", "How do I complain? Third outage this week!") is judged by the chat model, when one is configured, within
 * the part of the time budget a rewrite may take: a request for a person, a complaint or frustration it reads there
 * goes to a person. A model that fails or answers anything else leaves the message to the answer, as without one.
 * Messages with no such word are not sent: the cues alone decide those, at no cost.
 */
@Component
@Order(250)
class ClassifyHandoff implements ReplyStage {

    private static final Logger log = LoggerFactory.getLogger(ClassifyHandoff.class);
    private static final int MAX_MESSAGE = 2000;

    private final HandoffTriggers triggers;
    private final ChatProviders providers;
    private final QueryRewrites rewrites;
    private final HandOver handOver;
    private final PromptTemplate template;

    ClassifyHandoff(HandoffTriggers triggers, ChatProviders providers, QueryRewrites rewrites, HandOver handOver) {
        this.triggers = triggers;
        this.providers = providers;
        this.rewrites = rewrites;
        this.handOver = handOver;
        try {
            template = new PromptTemplate(new ClassPathResource("prompts/handoff-classification.st")
                    .getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Reply> reply(Turn turn) {
        if (providers.isEmpty() || !turn.live()) {
            return Optional.empty();
        }
        Optional<String> cue = triggers.cue(turn.question());
        if (cue.isEmpty()) {
            return Optional.empty();
        }
        FailoverChatModel model = rewrites.model(turn.preference());
        Optional<HandoffReason> reason = classify(turn.question(), model);
        turn.attempts(model.attempts());
        turn.lap("handoff-classification");
        return reason.map(r -> handOver.reply(turn, r, "the model read \"" + cue.get() + "\" as " + r.code()));
    }

    private Optional<HandoffReason> classify(String message, FailoverChatModel model) {
        String bounded = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        try {
            String answer = ChatClient.create(model)
                    .prompt(template.create(Map.of("message", bounded)))
                    .call()
                    .content();
            return parse(answer);
        } catch (RuntimeException e) {
            log.debug("The handoff classification gave nothing: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The first word of the answer, when it is one of the reasons asked for; anything else is no handoff. */
    static Optional<HandoffReason> parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        String word = answer.strip().split("[^A-Za-z_]+", 2)[0].toUpperCase(Locale.ROOT);
        return switch (word) {
            case "CUSTOMER_REQUEST" -> Optional.of(HandoffReason.CUSTOMER_REQUEST);
            case "COMPLAINT" -> Optional.of(HandoffReason.COMPLAINT);
            case "FRUSTRATION" -> Optional.of(HandoffReason.FRUSTRATION);
            default -> Optional.empty();
        };
    }
}
