package dev.grounded.evaluation;

import dev.grounded.tenant.TenantId;
import java.util.UUID;

/** A run was queued: an instance that is idle may claim it at once rather than at its next poll. */
public record EvaluationRunQueued(TenantId tenant, UUID run) {}
