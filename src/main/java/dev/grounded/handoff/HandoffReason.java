package dev.grounded.handoff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a conversation is handed to a person; reported in replies, traces and the dashboard. */
public enum HandoffReason {
    /** The customer asked for a person. */
    CUSTOMER_REQUEST,
    /** The knowledge did not answer, twice in a row. */
    MISSING_KNOWLEDGE,
    /** The customer is unhappy with the bot or the service. */
    FRUSTRATION,
    /** The customer wants to complain about the business. */
    COMPLAINT,
    /** A topic a person must handle: an emergency, legal action, fraud. */
    SENSITIVE_TOPIC,
    /** One of the tenant's own handoff phrases. */
    TENANT_KEYWORD,
    /** No chat provider could answer and the knowledge alone was not enough. */
    PROVIDER_FAILURE,
    /** A person was needed while the business was closed: someone calls back at the next opening. */
    AFTER_HOURS_CALLBACK;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
