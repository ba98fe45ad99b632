package dev.grounded.retrieval;

import dev.grounded.tenant.TenantId;
import java.util.UUID;

/** A quick reply was given as an answer; published by whoever answered so the hit is counted where replies live. */
public record QuickReplyMatched(TenantId tenantId, UUID quickReplyId) {}
