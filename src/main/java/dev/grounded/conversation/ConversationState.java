package dev.grounded.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who answers the customer. */
public enum ConversationState {
    /** The bot answers. */
    BOT,
    /** Handed off and waiting for a person; the bot still answers what it can meanwhile. */
    NEEDS_HUMAN,
    /** An agent owns the conversation; the bot stays silent. */
    WITH_AGENT,
    /** Over; the customer's next message starts a new conversation. */
    CLOSED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
