package dev.grounded.channel;

import java.util.Map;

/**
 * A connection to create or change. On a change, a secret left out (or blank) keeps its stored value, so a form that
 * shows only masked secrets can be saved without retyping them.
 */
public record ConnectionDraft(
        Provider provider, String name, Map<String, String> identifiers, Map<String, String> secrets) {}
