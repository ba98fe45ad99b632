package dev.grounded.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sessionTimeout idle time after which the bot's conversation is over and the customer's next message starts a
 *     new one (with no memory of the old)
 * @param historyMessages how many earlier messages of the conversation the bot reads (its memory)
 */
@ConfigurationProperties("grounded.conversation")
public record ConversationProperties(
        @DefaultValue("30m") Duration sessionTimeout,
        @DefaultValue("6") int historyMessages) {}
