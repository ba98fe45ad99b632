/**
 * WhatsApp channels (Meta Cloud API, Twilio, WAHA): connections with sealed secrets, signed webhooks into a durable
 * inbox, a durable outbox with retries and delivery statuses, the 24-hour customer-service window, templates, opt-out
 * and rate limits, and agent takeover through the channel a customer wrote from.
 */
@ApplicationModule(allowedDependencies = {"tenant", "conversation", "reply", "retrieval", "queue", "egress"})
package dev.grounded.channel;

import org.springframework.modulith.ApplicationModule;
