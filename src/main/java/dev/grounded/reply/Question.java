package dev.grounded.reply;

import dev.grounded.conversation.Channel;

/**
 * A customer's message to answer.
 *
 * @param conversationId the conversation it continues, or null
 * @param from who sent it (a phone number or any stable customer id), or null
 * @param channel where it comes from; an evaluation run's questions reach no agent and count no quick reply hit
 */
public record Question(String text, String conversationId, String from, Channel channel) {

    public Question(String text, String conversationId, String from) {
        this(text, conversationId, from, Channel.API);
    }

    public static Question of(String text) {
        return new Question(text, null, null);
    }
}
