package dev.grounded.knowledge;

import dev.grounded.tenant.TenantId;
import java.util.List;
import java.util.UUID;

/**
 * A canned answer the bot gives directly, without an LLM, when a question matches it closely.
 *
 * @param keywords extra words it should be found by (synonyms, product names)
 * @param hits how often it was given as an answer
 */
public record QuickReply(
        UUID id, TenantId tenantId, String label, String answer, String language, List<String> keywords, long hits) {}
