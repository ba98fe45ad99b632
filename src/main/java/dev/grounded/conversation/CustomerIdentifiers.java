package dev.grounded.conversation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer identifiers (phone numbers) at rest and in logs: a keyed hash to find a customer's conversation without
 * storing the number, AES-GCM to keep it readable for agents, and a mask for display and logs. One data key, shared by
 * every instance; the hash and encryption keys are derived from it so neither is used for both.
 */
public final class CustomerIdentifiers {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec hashKey;
    private final SecretKeySpec encryptionKey;

    public CustomerIdentifiers(byte[] dataKey) {
        if (dataKey.length < 32) {
            throw new IllegalArgumentException("The data key must have at least 32 bytes, it has " + dataKey.length);
        }
        this.hashKey = new SecretKeySpec(derive(dataKey, "grounded customer hash"), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(derive(dataKey, "grounded customer encryption"), "AES");
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
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(String encrypted) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encrypted);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A customer identifier cannot be decrypted with this data key", e);
        }
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

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
