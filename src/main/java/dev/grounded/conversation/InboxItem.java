package dev.grounded.conversation;

/**
 * A conversation as the agents' inbox lists it.
 *
 * @param unread the customer's messages since an agent last opened it
 * @param lastMessage the latest message's text, or null when it has none
 */
public record InboxItem(Conversation conversation, int unread, String lastMessage) {}
