package dev.grounded.tenant;

/** What a signed-in user may do within their tenant. */
public enum Role {
    ADMIN,
    AGENT,
    QA
}
