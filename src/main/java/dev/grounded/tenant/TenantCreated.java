package dev.grounded.tenant;

/** Published inside the transaction that creates the tenant, so listeners can set up its data atomically. */
public record TenantCreated(TenantId tenantId, boolean demo) {}
