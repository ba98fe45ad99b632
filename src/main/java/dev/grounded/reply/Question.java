package dev.grounded.reply;

/**
 * A customer's message to answer.
 *
 * @param conversationId the conversation it continues, or null
 * @param from who sent it (a phone number or any stable customer id), or null
 */
public record Question(String text, String conversationId, String from) {

    public static Question of(String text) {
        return new Question(text, null, null);
    }
}
