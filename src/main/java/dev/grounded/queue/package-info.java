/**
 * The one leased-queue mechanism every queue uses (WhatsApp inbox and outbox, ingestion jobs, parked questions,
 * evaluation runs): a row is claimed by exactly one instance ({@code FOR UPDATE SKIP LOCKED}) under a lease that a
 * heartbeat renews while its instance lives, ended only by the claim that holds it, retried, released or purged; and
 * one driver that claims and handles rows on virtual threads.
 */
@ApplicationModule(allowedDependencies = {})
package dev.grounded.queue;

import org.springframework.modulith.ApplicationModule;
