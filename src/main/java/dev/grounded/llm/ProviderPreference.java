package dev.grounded.llm;

import java.util.List;

/**
 * A tenant's choice of chat providers: an order to try them in (the rest follow in the global order), or one pinned
 * provider and no failover.
 */
public record ProviderPreference(List<String> order, String pinned) {

    public ProviderPreference {
        order = order == null ? List.of() : List.copyOf(order);
        pinned = pinned == null || pinned.isBlank() ? null : pinned;
    }

    public static ProviderPreference global() {
        return new ProviderPreference(List.of(), null);
    }
}
