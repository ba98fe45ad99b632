/** Measuring Grounded: tenant datasets run through the reply engine, BEIR retrieval benchmarks, and their metrics. */
@ApplicationModule(
        allowedDependencies = {"retrieval", "tenant", "reply", "conversation", "knowledge", "handoff", "llm", "queue"})
package dev.grounded.evaluation;

import org.springframework.modulith.ApplicationModule;
