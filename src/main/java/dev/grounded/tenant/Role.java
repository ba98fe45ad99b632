package dev.grounded.tenant;

/** What a signed-in user may do within their tenant. */
public enum Role {
    ADMIN,
    AGENT,
    QA,
    /** Runs the installation: creates tenants, and is an admin of their own tenant. */
    OPERATOR;

    /** Whether this role manages the tenant: its knowledge, settings and users. */
    public boolean administers() {
        return this == ADMIN || this == OPERATOR;
    }
}
