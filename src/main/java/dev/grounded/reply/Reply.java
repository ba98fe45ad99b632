package dev.grounded.reply;

import java.util.List;

/**
 * The bot's answer to one customer message.
 *
 * @param provider who produced the answer: a chat provider's name, {@code quick-reply}, {@code extractive} or
 *     {@code none} when nothing in the knowledge answered
 */
public record Reply(String answer, String language, List<Source> sources, String provider, Handoff handoff) {

    /** Where an answer came from; {@code documentId} is a document id, or {@code qr:<id>} for a quick reply. */
    public record Source(String documentId, String title, String snippet, double score) {}

    /** Whether the conversation should go to a human, and why. */
    public record Handoff(boolean required, String reason) {

        public static Handoff none() {
            return new Handoff(false, null);
        }
    }
}
