package dev.grounded.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * How tests wait: for something they can observe, polled, with a ceiling far above what an idle machine needs, so a
 * busy CI machine (ingesting other tests' documents, or running beside other work) slows a test down but does not fail
 * it. The ceiling only matters when what is awaited never happens.
 */
public final class Patience {

    public static final Duration CEILING = Duration.ofMinutes(5);

    private Patience() {}

    /** Awaits {@code what}, polling every 100 ms, for up to the ceiling. */
    public static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(CEILING).pollInterval(Duration.ofMillis(100));
    }
}
