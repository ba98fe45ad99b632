package dev.grounded.llm;

import java.util.List;
import java.util.Optional;

/** The chat providers configured for this installation, in the order they are tried. */
public record ChatProviders(List<ChatProvider> ordered) {

    public ChatProviders {
        ordered = List.copyOf(ordered);
    }

    public Optional<ChatProvider> primary() {
        return ordered.stream().findFirst();
    }
}
