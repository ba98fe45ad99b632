package dev.grounded.evaluation;

import dev.grounded.llm.LlmProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How evaluation runs are run and judged.
 *
 * @param pollInterval how often an idle instance looks for a queued run (a run queued on it starts at once)
 * @param lease how long a run stays claimed without a sign of life from its instance, which renews it while it
 *     runs; a run whose instance died is claimed again once it runs out
 * @param judge the LLM that grades answers, separate from the answering chain (a model should not grade itself);
 *     taking part when it has an API key, or is enabled for a local server. Without one, judged metrics are absent.
 */
@ConfigurationProperties("grounded.evaluation")
public record EvaluationProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        LlmProperties.Provider judge) {

    public boolean judged() {
        return judge != null && judge.configured();
    }
}
