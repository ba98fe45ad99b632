package dev.grounded.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a conversation comes from. */
public enum Channel {
    /** The REST API ({@code POST …/ask}). */
    API,
    /** The console's playground, where the business tries its own bot. */
    PLAYGROUND,
    /** An evaluation run: asked as customers would, but no customer is waiting and no agent is called. */
    EVALUATION,
    /** A customer on WhatsApp (Meta Cloud API, Twilio or WAHA). */
    WHATSAPP;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a real customer may be waiting: handoffs are announced and parked questions kept only then. */
    public boolean hasCustomer() {
        return this != EVALUATION;
    }
}
