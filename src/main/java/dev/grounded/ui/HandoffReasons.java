package dev.grounded.ui;

import dev.grounded.handoff.HandoffReason;

/** Handoff reasons as the dashboard and the inbox show them. */
public final class HandoffReasons {

    private HandoffReasons() {}

    /** A handoff reason in the words of the people who read the dashboard and the inbox. */
    public static String describe(HandoffReason reason) {
        return switch (reason) {
            case CUSTOMER_REQUEST -> "Asked for a person";
            case MISSING_KNOWLEDGE -> "Knowledge did not answer";
            case FRUSTRATION -> "Unhappy customer";
            case COMPLAINT -> "Complaint";
            case SENSITIVE_TOPIC -> "Sensitive topic";
            case TENANT_KEYWORD -> "Your handoff phrases";
            case PROVIDER_FAILURE -> "No AI provider answered";
            case AFTER_HOURS_CALLBACK -> "Callback after hours";
        };
    }
}
