/** Measuring Grounded: retrieval benchmarks in the BEIR layout and the metrics the evaluation harness reports. */
@ApplicationModule(allowedDependencies = {"retrieval", "tenant"})
package dev.grounded.evaluation;

import org.springframework.modulith.ApplicationModule;
