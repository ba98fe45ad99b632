/** The Vaadin web console. Views call services only. */
@ApplicationModule(
        allowedDependencies = {
            "tenant",
            "knowledge",
            "retrieval",
            "reply",
            "handoff",
            "conversation",
            "channel",
            "evaluation"
        })
package dev.grounded.ui;

import org.springframework.modulith.ApplicationModule;
