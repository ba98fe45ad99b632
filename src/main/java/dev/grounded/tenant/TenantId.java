package dev.grounded.tenant;

import java.util.regex.Pattern;

/** A tenant's stable identifier: a lower-case slug that appears in URLs and every tenant-scoped row. */
public record TenantId(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TenantId {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("Tenant id must be a lower-case slug of 1-63 characters: " + value);
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
