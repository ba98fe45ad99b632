package dev.grounded.ui.inbox;

import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.ui.CurrentTenant;

/** Who works the inbox, and what their role lets them do there. The services check the same again. */
record Agent(TenantId tenant, String username, Role role) {

    static Agent of(CurrentTenant current) {
        return new Agent(current.id(), current.username(), current.role());
    }

    /** QA reads conversations; it does not write to customers. */
    boolean mayReply() {
        return role.may(Permission.HANDLE_CONVERSATIONS);
    }

    boolean mayErase() {
        return role.may(Permission.ERASE_CUSTOMERS);
    }
}
