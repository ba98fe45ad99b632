package dev.grounded.evaluation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How queued evaluation runs are run.
 *
 * @param pollInterval how often an idle instance looks for a queued run (a run queued on it starts at once)
 * @param lease how long a run stays claimed without progress; each finished case renews it, and a run whose
 *     instance died is claimed again once it runs out
 */
@ConfigurationProperties("grounded.evaluation")
public record EvaluationProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("2m") Duration lease) {}
