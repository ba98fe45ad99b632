package dev.grounded.tenant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A platform operator opens a tenant for a business, with its first admin: both or neither. */
@Service
public class TenantOnboarding {

    private static final int MAX_NAME = 200;

    private final TenantService tenants;
    private final UserAccountService users;

    private final Permissions permissions;

    TenantOnboarding(TenantService tenants, UserAccountService users, Permissions permissions) {
        this.permissions = permissions;
        this.tenants = tenants;
        this.users = users;
    }

    /** The new tenant and its admin, whose generated password is shown once. */
    public record Onboarded(Tenant tenant, UserAccountService.Invitation admin) {}

    /**
     * Creates the tenant {@code id} named {@code name} and its admin {@code adminUsername}.
     *
     * @throws IllegalArgumentException saying what is wrong (the id's form or a taken id, an empty name, the admin's
     *     name); nothing is created then
     */
    @Transactional
    public Onboarded open(String id, String name, String adminUsername) {
        permissions.requireInstallation(Permission.MANAGE_TENANTS);
        TenantId tenantId = TenantId.of(id == null ? "" : id.strip());
        String business = name == null ? "" : name.strip();
        if (business.isEmpty() || business.length() > MAX_NAME) {
            throw new IllegalArgumentException("A business name is 1 to " + MAX_NAME + " characters");
        }
        Tenant tenant = tenants.create(tenantId, business, false)
                .orElseThrow(() -> new IllegalArgumentException("There is already a tenant " + tenantId));
        // Fails on a taken or unusable name, rolling the tenant back with it. The operator is no user of the new
        // tenant: its first admin is the installation's doing.
        return new Onboarded(
                tenant, permissions.asApplication(() -> users.invite(tenantId, adminUsername, Role.ADMIN)));
    }
}
