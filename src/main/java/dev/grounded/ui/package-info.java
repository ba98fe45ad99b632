/** The Vaadin web console. Views call services only. */
@ApplicationModule(
        allowedDependencies = {
            "tenant",
            "knowledge",
            "retrieval",
            "reply",
            "handoff",
            "llm",
            "conversation",
            "channel",
            "evaluation"
        })
package dev.grounded.ui;

import org.springframework.modulith.ApplicationModule;
