package dev.grounded.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.SharedDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contract of a queue that keeps one key's rows in order (one customer's messages): a row is not claimed while an
 * earlier one of the same key waits or is worked on, not even by another instance, and they come in the order queued.
 */
public abstract class KeyedQueueContract<S extends Enum<S>, T> extends LeasedQueueContract<S, T> {

    /** Queues {@code count} rows of one key due at {@code at}; returns their ids in the order queued. */
    protected abstract List<UUID> enqueueForOneKey(JdbcClient jdbc, int count, Instant at);

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void oneKeysRowsAreClaimedOneAtATimeInOrder(SharedDatabase.Kind kind) throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            List<UUID> queued = enqueueForOneKey(database.jdbc(), 3, T0);
            enqueue(database.jdbc(), 1, T0);
            LeasedQueue<S, T> queue = queue(database.jdbc());
            Instant now = T0.plusSeconds(1);

            T first = claim(database, queue, "a", now).orElseThrow();
            T other = claim(database, queue, "b", now).orElseThrow();
            assertThat(queue.leaseOf(first).id()).isEqualTo(queued.get(0));
            assertThat(queue.leaseOf(other).id()).as("another key's row").isNotIn(queued);
            assertThat(claim(database, queue, "b", now))
                    .as("the key's next row waits while its first is worked on")
                    .isEmpty();

            assertThat(queue.retry(first, "later", now, now.plusSeconds(60))).isTrue();
            assertThat(claim(database, queue, "b", now.plusSeconds(30)))
                    .as("and while it waits to be retried")
                    .isEmpty();

            T again = claim(database, queue, "a", now.plusSeconds(60)).orElseThrow();
            assertThat(queue.finish(again, done(), null, now.plusSeconds(61))).isTrue();
            T second = claim(database, queue, "b", now.plusSeconds(61)).orElseThrow();
            assertThat(queue.leaseOf(second).id()).isEqualTo(queued.get(1));
            assertThat(queue.finish(second, done(), null, now.plusSeconds(62))).isTrue();
            T third = claim(database, queue, "a", now.plusSeconds(62)).orElseThrow();
            assertThat(queue.leaseOf(third).id()).isEqualTo(queued.get(2));
        }
    }
}
