package dev.grounded.reply;

import dev.grounded.tenant.TenantId;

/** The bot answered a customer message (or stayed silent for an agent): for metrics and live views. */
public record ReplyGiven(TenantId tenant, Reply reply) {}
