package dev.grounded.conversation;

import dev.grounded.tenant.TenantId;

/**
 * A tenant erased what it held about one customer; published inside the erasing transaction, so what other
 * capabilities hold about them (a channel's contact, its queued events and messages) goes in the same commit.
 *
 * @param customerHash the customer's keyed hash ({@link CustomerIdentifiers#hash}), never the identifier itself
 */
public record CustomerErased(TenantId tenant, String customerHash) {}
