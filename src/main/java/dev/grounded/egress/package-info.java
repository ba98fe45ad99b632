/**
 * The egress policy: every outbound call whose target a tenant can set (a WAHA gateway today; HTTP actions and custom
 * provider endpoints next) goes through it. Only http(s) base URLs without credentials, query or fragment; the host's
 * every resolved address checked at connect time, so loopback, private, link-local (cloud metadata) and other internal
 * addresses are refused unless the operator allows them; redirects not followed; automatic retries off.
 */
@ApplicationModule(allowedDependencies = {})
package dev.grounded.egress;

import org.springframework.modulith.ApplicationModule;
