package dev.grounded.tenant;

/**
 * Who is asking: a console user or an API key, with the tenant and role it acts in.
 *
 * @param name the user's name, or {@code key:<prefix>} for an API key
 */
public record Caller(TenantId tenant, String name, Role role) {

    public static Caller apiKey(TenantId tenant, String prefix, Role role) {
        return new Caller(tenant, "key:" + prefix, role);
    }
}
