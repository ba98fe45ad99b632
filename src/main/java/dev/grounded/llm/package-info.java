/** Chat providers (OpenAI and OpenAI-compatible endpoints) behind Spring AI's ChatModel. */
@ApplicationModule(allowedDependencies = {})
package dev.grounded.llm;

import org.springframework.modulith.ApplicationModule;
