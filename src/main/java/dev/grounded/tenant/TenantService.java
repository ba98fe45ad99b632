package dev.grounded.tenant;

import dev.grounded.tenant.internal.Tenants;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class TenantService {

    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final Permissions permissions;

    TenantService(Tenants tenants, ApplicationEventPublisher events, Clock clock, Permissions permissions) {
        this.permissions = permissions;
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    /** Creates the tenant; returns empty when it already exists (another instance may have won the race). */
    @Transactional
    public Optional<Tenant> create(TenantId id, String name, boolean demo) {
        permissions.requireInstallation(Permission.MANAGE_TENANTS);
        Tenant tenant = new Tenant(id, name, clock.instant());
        if (!tenants.insertIfAbsent(tenant)) {
            return Optional.empty();
        }
        events.publishEvent(new TenantCreated(id, demo));
        return Optional.of(tenant);
    }

    /** Every tenant of the installation, newest first: for the platform operator. */
    public List<Tenant> list() {
        return tenants.newestFirst();
    }

    public Optional<Tenant> find(TenantId id) {
        return tenants.find(id);
    }
}
