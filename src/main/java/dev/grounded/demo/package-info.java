/** The demo tenant's knowledge, loaded from sample-docs/ when the tenant is created. */
@ApplicationModule(allowedDependencies = {"tenant", "knowledge", "evaluation"})
package dev.grounded.demo;

import org.springframework.modulith.ApplicationModule;
