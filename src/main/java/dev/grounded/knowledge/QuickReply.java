package dev.grounded.knowledge;

import dev.grounded.tenant.TenantId;
import java.util.UUID;

/** A canned answer the bot gives directly, without an LLM, when a question matches it closely. */
public record QuickReply(UUID id, TenantId tenantId, String label, String answer, String language, long hits) {}
