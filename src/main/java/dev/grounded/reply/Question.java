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
 * @param attachment the metadata (JSON) of media the text came with, as a caption, stored with the message; or null
 */
public record Question(
        String text, String conversationId, String from, Channel channel, String language, String attachment) {

    public Question(String text, String conversationId, String from, Channel channel, String language) {
        this(text, conversationId, from, channel, language, null);
    }

    public Question(String text, String conversationId, String from, Channel channel) {
        this(text, conversationId, from, channel, null);
    }

    /** The same question, the caption of this media. */
    public Question withAttachment(String attachment) {
        return new Question(text, conversationId, from, channel, language, attachment);
    }

    public Question(String text, String conversationId, String from) {
        this(text, conversationId, from, Channel.API);
    }

    public static Question of(String text) {
        return new Question(text, null, null);
    }
}
