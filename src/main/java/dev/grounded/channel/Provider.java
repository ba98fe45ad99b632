package dev.grounded.channel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** How a WhatsApp number reaches Grounded, and what identifies and secures a connection of each kind. */
public enum Provider {
    /** Meta's WhatsApp Cloud API (Graph). */
    META(
            "Meta",
            List.of("phoneNumberId", "businessAccountId"),
            List.of("appSecret", "accessToken", "verifyToken"),
            true),
    /** Twilio's WhatsApp sender. */
    TWILIO("Twilio", List.of("accountSid", "sender"), List.of("authToken"), true),
    /** A self-hosted WAHA gateway with a QR-linked WhatsApp session; WhatsApp Web has no 24-hour window. */
    WAHA("WAHA", List.of("baseUrl", "session"), List.of("apiKey", "webhookHmacKey"), false);

    private final String label;
    private final List<String> identifiers;
    private final List<String> secrets;
    private final boolean customerServiceWindow;

    Provider(String label, List<String> identifiers, List<String> secrets, boolean customerServiceWindow) {
        this.label = label;
        this.identifiers = identifiers;
        this.secrets = secrets;
        this.customerServiceWindow = customerServiceWindow;
    }

    /** The provider's name as people write it. */
    public String label() {
        return label;
    }

    /** The identifiers a connection of this kind needs. */
    public List<String> identifiers() {
        return identifiers;
    }

    /** The secrets a connection of this kind needs. */
    public List<String> secrets() {
        return secrets;
    }

    /** Whether free-form messages are allowed only within 24 hours of the customer's last message. */
    public boolean hasCustomerServiceWindow() {
        return customerServiceWindow;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Provider of(String code) {
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown provider " + code + "; one of meta, twilio, waha");
        }
    }
}
