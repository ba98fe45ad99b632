/** Tenants, their users and API keys, and the security of the REST API. */
@ApplicationModule(allowedDependencies = {})
package dev.grounded.tenant;

import org.springframework.modulith.ApplicationModule;
