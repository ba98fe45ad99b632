package dev.grounded.tenant;

public record UserAccount(String username, TenantId tenantId, Role role) {}
