package dev.grounded.llm;

import java.util.List;

/** The result of a call through the provider chain: the answer and who gave it, or none after every attempt failed. */
public record ChatResult(String text, String provider, List<Attempt> attempts) {

    public ChatResult {
        attempts = List.copyOf(attempts);
    }

    public static ChatResult failed(List<Attempt> attempts) {
        return new ChatResult(null, null, attempts);
    }

    public boolean answered() {
        return text != null;
    }
}
