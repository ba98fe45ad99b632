package dev.grounded.conversation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer identifiers (phone numbers) at rest and in logs: a keyed hash to find a customer's conversation without
 * storing the number, AES-GCM to keep it readable for agents, and a mask for display and logs. One data key, shared by
 * every instance; the hash and encryption keys are derived from it so neither is used for both.
 */
public final class CustomerIdentifiers {

    private final SecretKeySpec hashKey;
    private final SecretBox cipher;

    public CustomerIdentifiers(byte[] dataKey) {
        if (dataKey.length < 32) {
            throw new IllegalArgumentException("The data key must have at least 32 bytes, it has " + dataKey.length);
        }
        this.hashKey = new SecretKeySpec(derive(dataKey, "grounded customer hash"), "HmacSHA256");
        this.cipher = SecretBox.derived(dataKey, "grounded customer encryption");
    }

    /**
     * The same for every way of writing one number ({@code +34 600-12-34-56}, {@code whatsapp:+34600123456}), so a
     * customer's conversation is found whichever channel or format the number comes in.
     */
    public String hash(String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(normalize(identifier).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String identifier) {
        return cipher.seal(identifier);
    }

    public String decrypt(String encrypted) {
        return cipher.open(encrypted);
    }

    /** For display and logs: the country code and the last four digits of a number, nothing of other identifiers. */
    public static String mask(String identifier) {
        if (identifier == null) {
            return null;
        }
        String normalized = normalize(identifier);
        if (normalized.matches("\\+?\\d{7,}")) {
            int keep = normalized.startsWith("+") ? 3 : 0;
            return normalized.substring(0, keep)
                    + "•".repeat(normalized.length() - keep - 4)
                    + normalized.substring(normalized.length() - 4);
        }
        return "•".repeat(Math.min(8, Math.max(3, normalized.length())));
    }

    static String normalize(String identifier) {
        String text = identifier.strip().toLowerCase(Locale.ROOT);
        int colon = text.indexOf(':');
        if (colon >= 0 && text.substring(0, colon).matches("[a-z]+")) {
            text = text.substring(colon + 1);
        }
        // WAHA writes WhatsApp ids as <number>@c.us.
        int at = text.indexOf('@');
        if (at > 0) {
            text = text.substring(0, at);
        }
        String digits = text.replaceAll("[\\s().\\-]", "");
        if (digits.matches("\\+?\\d+")) {
            return digits.startsWith("+") || digits.length() < 7 ? digits : "+" + digits;
        }
        return text;
    }

    static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
