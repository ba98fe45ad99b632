/** The grounded reply engine: quick replies first, then retrieval and generation, or an honest handoff. */
@ApplicationModule(allowedDependencies = {"tenant", "retrieval", "llm", "handoff", "conversation", "queue"})
package dev.grounded.reply;

import org.springframework.modulith.ApplicationModule;
