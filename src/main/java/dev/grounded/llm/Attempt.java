package dev.grounded.llm;

/**
 * What happened when one provider was tried for one call, for the reply's trace.
 *
 * @param error the failure in a few words; null when it answered or was skipped
 */
public record Attempt(String provider, Status status, long latencyMs, String error) {

    public enum Status {
        ANSWERED,
        FAILED,
        TIMED_OUT,
        /** Its circuit breaker is open after repeated failures: not called. */
        SKIPPED_CIRCUIT_OPEN,
        /** The call's time budget was spent before its turn came. */
        SKIPPED_NO_BUDGET
    }
}
