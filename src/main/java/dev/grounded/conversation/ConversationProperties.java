package dev.grounded.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sessionTimeout idle time after which the bot's conversation is over and the customer's next message starts a
 *     new one (with no memory of the old)
 * @param historyMessages how many earlier messages of the conversation the bot reads (its memory)
 * @param retention how long a finished conversation (closed, or the bot's) is kept after its last message, with its
 *     messages, and a WhatsApp contact after its last message (unless it opted out: that is kept to honour it); null
 *     keeps them for ever. Conversations waiting for or with a person are always kept.
 */
@ConfigurationProperties("grounded.conversation")
public record ConversationProperties(
        @DefaultValue("30m") Duration sessionTimeout,
        @DefaultValue("6") int historyMessages,
        Duration retention) {

    public ConversationProperties {
        if (retention != null && retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("grounded.conversation.retention is " + retention
                    + ": keep conversations at least a day (unset keeps them for ever)");
        }
    }
}
