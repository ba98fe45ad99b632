package dev.grounded.reply;

import dev.grounded.conversation.Channel;

/**
 * A customer's message to answer.
 *
 * @param conversationId the conversation it continues, or null
 * @param from who sent it (a phone number or any stable customer id), or null
 * @param channel where it comes from; an evaluation run's questions reach no agent and count no quick reply hit
 * @param language the customer's language when known (a WhatsApp contact's, the Playground's choice), or null: the
 *     answer's language when the message is too short or too mixed to tell
 */
public record Question(String text, String conversationId, String from, Channel channel, String language) {

    public Question(String text, String conversationId, String from, Channel channel) {
        this(text, conversationId, from, channel, null);
    }

    public Question(String text, String conversationId, String from) {
        this(text, conversationId, from, Channel.API);
    }

    public static Question of(String text) {
        return new Question(text, null, null);
    }
}
