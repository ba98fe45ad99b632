package dev.grounded.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The chat providers configured for this installation, in the global order they are tried. */
public record ChatProviders(List<ChatProvider> ordered) {

    public ChatProviders {
        ordered = List.copyOf(ordered);
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    public Optional<ChatProvider> find(String name) {
        return ordered.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return ordered.stream().map(ChatProvider::name).toList();
    }

    /**
     * The chain for one tenant: its preferred providers first, in its order, then the rest in the global order; or
     * only the pinned one. Names that are not configured are left out.
     */
    public List<ChatProvider> chain(ProviderPreference preference) {
        if (preference.pinned() != null) {
            return find(preference.pinned()).map(List::of).orElse(List.of());
        }
        List<ChatProvider> chain = new ArrayList<>();
        for (String name : preference.order()) {
            find(name).filter(p -> !chain.contains(p)).ifPresent(chain::add);
        }
        for (ChatProvider provider : ordered) {
            if (!chain.contains(provider)) {
                chain.add(provider);
            }
        }
        return chain;
    }
}
