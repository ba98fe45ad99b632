/** Ingestion: uploads, persisted ingestion jobs, text extraction, chunking, and quick replies. */
@ApplicationModule(allowedDependencies = {"tenant", "retrieval", "queue"})
package dev.grounded.knowledge;

import org.springframework.modulith.ApplicationModule;
