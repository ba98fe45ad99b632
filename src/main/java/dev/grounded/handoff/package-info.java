/** When a conversation goes to a person, and why: trigger phrases per language and industry, and business hours. */
@ApplicationModule(allowedDependencies = {"tenant"})
package dev.grounded.handoff;

import org.springframework.modulith.ApplicationModule;
