/** The chunk index (one port, a Lucene and a PostgreSQL implementation), embeddings and hybrid search. */
@ApplicationModule(allowedDependencies = {"tenant"})
package dev.grounded.retrieval;

import org.springframework.modulith.ApplicationModule;
