/**
 * Conversations with customers: sessions that expire after idle time, every message with the trace of how the bot
 * replied, who owns the conversation (the bot, a queue waiting for a person, an agent), and customer identifiers kept
 * hashed and encrypted.
 */
@ApplicationModule(allowedDependencies = {"tenant", "handoff"})
package dev.grounded.conversation;

import org.springframework.modulith.ApplicationModule;
