/**
 * Chat providers behind Spring AI's ChatModel (OpenAI, OpenAI-compatible endpoints, Anthropic) and failover across
 * them: an ordered chain, a circuit breaker and a timeout per provider, and one time budget per call.
 */
@ApplicationModule(allowedDependencies = {})
package dev.grounded.llm;

import org.springframework.modulith.ApplicationModule;
