package dev.grounded.queue;

import java.util.UUID;

/**
 * One claim of a queued row: the row's id, which attempt this is (1 for the first), and the token that names this
 * claim. Every write after the claim names the token, so a claim whose lease ran out and passed to another instance
 * changes nothing.
 */
public record Lease(UUID id, int attempt, String token) {

    /** A row queued already claimed by its producer, for the first attempt. */
    public static Lease first(UUID id, String token) {
        return new Lease(id, 1, token);
    }
}
