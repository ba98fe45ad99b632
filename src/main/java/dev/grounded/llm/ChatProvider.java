package dev.grounded.llm;

import java.time.Duration;
import org.springframework.ai.chat.model.ChatModel;

/**
 * A configured chat model and the name it is reported under (in replies, traces and metrics).
 *
 * @param timeout the longest one call to it may take
 * @param keyHint the API key's last four characters behind dots, to tell keys apart; never the key
 */
public record ChatProvider(
        String name, ProviderType type, String model, ChatModel chatModel, Duration timeout, String keyHint) {

    /** Dots, and the key's last four characters when it is long enough for them to give nothing away. */
    public static String hint(String key) {
        if (key == null || key.isBlank()) {
            return "";
        }
        return "••••" + (key.length() >= 12 ? key.substring(key.length() - 4) : "");
    }
}
