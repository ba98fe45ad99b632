package dev.grounded.tenant;

import java.util.EnumSet;
import java.util.Set;

/** What a signed-in user, or an API key, may do within their tenant. */
public enum Role {
    /** Manages the tenant: its knowledge, quick replies, settings, channels, users and keys. */
    ADMIN,
    /** Works the inbox and tries questions in the Playground. */
    AGENT,
    /** Reads everything of the tenant and runs evaluations; writes nothing a customer sees. */
    QA,
    /** Runs the installation: creates tenants, and is an admin of their own tenant. */
    OPERATOR;

    private static final Set<Permission> AGENT_PERMISSIONS =
            EnumSet.of(Permission.READ, Permission.ASK, Permission.HANDLE_CONVERSATIONS);
    private static final Set<Permission> QA_PERMISSIONS =
            EnumSet.of(Permission.READ, Permission.ASK, Permission.RUN_EVALUATIONS);

    public Set<Permission> permissions() {
        return switch (this) {
            case OPERATOR -> EnumSet.allOf(Permission.class);
            case ADMIN -> EnumSet.complementOf(EnumSet.of(Permission.MANAGE_TENANTS));
            case AGENT -> AGENT_PERMISSIONS;
            case QA -> QA_PERMISSIONS;
        };
    }

    public boolean may(Permission permission) {
        return permissions().contains(permission);
    }

    /** Whether this role manages the tenant: its knowledge, settings and users. */
    public boolean administers() {
        return this == ADMIN || this == OPERATOR;
    }
}
