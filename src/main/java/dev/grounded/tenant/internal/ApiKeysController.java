package dev.grounded.tenant.internal;

import dev.grounded.tenant.ApiKey;
import dev.grounded.tenant.ApiKeyService;
import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Requires;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's API keys: listed by prefix, created and rotated (the key shown in that answer only), revoked. */
@RestController
class ApiKeysController {

    record NewKey(String name, Role role) {}

    /** A key just made; {@code key} is its text, which no later answer shows. */
    record Issued(ApiKey apiKey, String key) {}

    private final ApiKeyService keys;

    ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Requires(Permission.MANAGE_API_KEYS)
    @GetMapping("/api/v1/tenants/{tenant}/api-keys")
    List<ApiKey> list(@PathVariable String tenant) {
        return keys.list(TenantId.of(tenant));
    }

    @Requires(Permission.MANAGE_API_KEYS)
    @PostMapping("/api/v1/tenants/{tenant}/api-keys")
    ResponseEntity<Issued> create(@PathVariable String tenant, @RequestBody NewKey body) {
        var issued = keys.create(TenantId.of(tenant), body.name(), body.role() == null ? Role.ADMIN : body.role());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/api-keys/"
                        + issued.key().id()))
                .body(new Issued(issued.key(), issued.secret()));
    }

    @Requires(Permission.MANAGE_API_KEYS)
    @PostMapping("/api/v1/tenants/{tenant}/api-keys/{id}/rotate")
    ResponseEntity<Issued> rotate(@PathVariable String tenant, @PathVariable UUID id) {
        return keys.rotate(TenantId.of(tenant), id)
                .map(issued -> ResponseEntity.ok(new Issued(issued.key(), issued.secret())))
                .orElse(ResponseEntity.notFound().build());
    }

    @Requires(Permission.MANAGE_API_KEYS)
    @DeleteMapping("/api/v1/tenants/{tenant}/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable String tenant, @PathVariable UUID id) {
        return keys.revoke(TenantId.of(tenant), id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }
}
