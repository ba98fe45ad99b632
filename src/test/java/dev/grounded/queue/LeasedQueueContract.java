package dev.grounded.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.testing.SharedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every queue keeps, run against the product's own queue tables on H2 and on PostgreSQL: each row is claimed by
 * exactly one of several instances; a row whose lease ran out is claimed again, and the claim that lost it can no
 * longer finish, retry or release it; a heartbeat keeps it; a retried row waits until it is due; a released one comes
 * back as the same attempt; a finished one never comes back; and a claim needs a transaction.
 *
 * @param <S> the queue's statuses
 * @param <T> a claimed row
 */
public abstract class LeasedQueueContract<S extends Enum<S>, T> {

    protected static final String TENANT = "demo";
    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(2);
    private static final int ROWS = 40;
    private static final int INSTANCES = 4;

    /** The product's queue over these connections. */
    protected abstract LeasedQueue<S, T> queue(JdbcClient jdbc);

    /** Queues {@code count} rows due at {@code at}, in this order, each for its own customer, document or run. */
    protected abstract void enqueue(JdbcClient jdbc, int count, Instant at);

    /** How a claim that did its work ends. */
    protected abstract S done();

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void everyRowIsClaimedByExactlyOneOfSeveralInstances(SharedDatabase.Kind kind) throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            enqueue(database.jdbc(), ROWS, T0);
            var claims = new ConcurrentLinkedQueue<Map.Entry<UUID, String>>();
            var start = new CountDownLatch(1);
            ExecutorService executor = Executors.newFixedThreadPool(INSTANCES);
            try {
                List<Future<?>> instances = new java.util.ArrayList<>();
                for (int n = 0; n < INSTANCES; n++) {
                    String name = "instance-" + n;
                    DataSource connections = database.instance();
                    LeasedQueue<S, T> queue = queue(JdbcClient.create(connections));
                    TransactionTemplate transactions = SharedDatabase.transactions(connections);
                    instances.add(executor.submit(() -> {
                        start.await();
                        for (Optional<T> next = claim(transactions, queue, name, T0.plusSeconds(1));
                                next.isPresent();
                                next = claim(transactions, queue, name, T0.plusSeconds(1))) {
                            claims.add(Map.entry(queue.leaseOf(next.get()).id(), name));
                            // Finished at once, so that a customer's next message becomes due.
                            assertThat(queue.finish(next.get(), done(), null, T0.plusSeconds(2)))
                                    .isTrue();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> instance : instances) {
                    instance.get(2, TimeUnit.MINUTES);
                }
            } finally {
                executor.shutdownNow();
            }

            Map<UUID, Long> perRow =
                    claims.stream().collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
            assertThat(perRow).hasSize(ROWS);
            assertThat(perRow.values()).as("claimed once each").allMatch(n -> n == 1);
            if (kind == SharedDatabase.Kind.POSTGRESQL) {
                // H2 serves one instance (it locks its file), whose claims come from one thread; two claims at once
                // there find the first due row locked and come back empty, so only PostgreSQL shares the work.
                assertThat(claims.stream().map(Map.Entry::getValue).distinct().count())
                        .as("the work was shared")
                        .isGreaterThan(1);
            }
            LeasedQueue<S, T> queue = queue(database.jdbc());
            assertThat(claim(database, queue, "late", T0.plus(Duration.ofDays(1))))
                    .as("a finished row never comes back")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void aRowWhoseLeaseRanOutIsClaimedAgainAndTheClaimThatLostItChangesNothing(SharedDatabase.Kind kind)
            throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            enqueue(database.jdbc(), 1, T0);
            LeasedQueue<S, T> queue = queue(database.jdbc());

            T first = claim(database, queue, "crashed", T0.plusSeconds(1)).orElseThrow();
            assertThat(claim(database, queue, "other", T0.plusSeconds(60)))
                    .as("while leased")
                    .isEmpty();
            T second = claim(database, queue, "other", T0.plusSeconds(2).plus(LEASE))
                    .orElseThrow();

            assertThat(queue.leaseOf(second).id())
                    .isEqualTo(queue.leaseOf(first).id());
            assertThat(queue.leaseOf(second).attempt()).isEqualTo(2);
            assertThat(queue.holds(first)).isFalse();
            assertThat(queue.holds(second)).isTrue();
            assertThat(queue.finish(first, done(), null, T0.plusSeconds(200))).isFalse();
            assertThat(queue.retry(first, "late", T0.plusSeconds(200), T0.plusSeconds(200)))
                    .isFalse();
            assertThat(queue.release(first)).isFalse();
            assertThat(queue.renew(List.of(first), T0.plusSeconds(200), LEASE)).isZero();
            assertThat(queue.holds(second))
                    .as("the lost claim took nothing away")
                    .isTrue();
            assertThat(queue.finish(second, done(), null, T0.plusSeconds(200))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void aHeartbeatKeepsTheRowWithItsInstance(SharedDatabase.Kind kind) throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            enqueue(database.jdbc(), 1, T0);
            LeasedQueue<S, T> queue = queue(database.jdbc());

            T claimed = claim(database, queue, "alive", T0.plusSeconds(1)).orElseThrow();
            assertThat(queue.renew(List.of(claimed), T0.plusSeconds(100), LEASE))
                    .isEqualTo(1);

            assertThat(claim(database, queue, "other", T0.plusSeconds(5).plus(LEASE)))
                    .as("renewed")
                    .isEmpty();
            assertThat(claim(database, queue, "other", T0.plusSeconds(101).plus(LEASE)))
                    .as("no heartbeat since")
                    .isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void aRetriedRowWaitsUntilItIsDueAndAReleasedOneComesBackAsTheSameAttempt(SharedDatabase.Kind kind)
            throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            enqueue(database.jdbc(), 1, T0);
            LeasedQueue<S, T> queue = queue(database.jdbc());

            T claimed = claim(database, queue, "a", T0.plusSeconds(1)).orElseThrow();
            assertThat(queue.retry(claimed, "the provider is down", T0.plusSeconds(1), T0.plusSeconds(600)))
                    .isTrue();
            assertThat(claim(database, queue, "a", T0.plusSeconds(599))).isEmpty();
            T retried = claim(database, queue, "a", T0.plusSeconds(600)).orElseThrow();
            assertThat(queue.leaseOf(retried).attempt()).isEqualTo(2);

            assertThat(queue.release(retried)).isTrue();
            T released = claim(database, queue, "b", T0.plusSeconds(600)).orElseThrow();
            assertThat(queue.leaseOf(released).attempt())
                    .as("a release does not count")
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(SharedDatabase.Kind.class)
    void aClaimNeedsATransaction(SharedDatabase.Kind kind) throws Exception {
        try (var database = SharedDatabase.of(kind, TENANT)) {
            enqueue(database.jdbc(), 1, T0);
            LeasedQueue<S, T> queue = queue(database.jdbc());

            assertThatThrownBy(() -> queue.claim("a", T0.plusSeconds(1), LEASE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs a transaction");
            assertThat(claim(database, queue, "a", T0.plusSeconds(1))).isPresent();
        }
    }

    protected Optional<T> claim(SharedDatabase database, LeasedQueue<S, T> queue, String worker, Instant now) {
        return claim(SharedDatabase.transactions(database.instance()), queue, worker, now);
    }

    private Optional<T> claim(TransactionTemplate transactions, LeasedQueue<S, T> queue, String worker, Instant now) {
        return transactions.execute(status -> queue.claim(worker, now, LEASE));
    }
}
