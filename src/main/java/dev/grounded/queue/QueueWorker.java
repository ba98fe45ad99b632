package dev.grounded.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Works a {@link LeasedQueue} on this instance: claims rows and handles up to {@code concurrency} of them at once (on
 * virtual threads unless a worker says otherwise), renewing their leases while they are handled, so only an instance that died loses its rows. It
 * looks for work when woken (this instance stored some, or finished a row and has a free slot) and otherwise every
 * {@code poll}, for what other instances stored or left behind.
 *
 * <p>A row handled in one round (between two polls or outside wakes) that is due again in the same round (retried at
 * once) is given back untried and waits for the next one, so a row that keeps failing at once is not hammered.
 *
 * @param <T> a claimed row
 */
public abstract class QueueWorker<T> implements SmartLifecycle {

    /**
     * @param name the threads' name and the start of every claim's token
     * @param concurrency rows handled at once on this instance
     * @param poll how often to look for work nobody woke this instance for
     * @param lease how long a claim holds its row without a heartbeat; renewed every third of it
     */
    public record Options(String name, int concurrency, Duration poll, Duration lease) {}

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final LeasedQueue<?, T> queue;
    private final Options options;
    private final Clock clock;
    private final String worker;
    private final Semaphore slots;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicBoolean newRound = new AtomicBoolean();
    private final Map<UUID, T> inFlight = new ConcurrentHashMap<>();
    private final Set<UUID> handledThisRound = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private ExecutorService handlers;

    protected QueueWorker(LeasedQueue<?, T> queue, Options options, Clock clock) {
        this.queue = queue;
        this.options = options;
        this.clock = clock;
        this.worker = options.name() + "-" + UUID.randomUUID();
        this.slots = new Semaphore(Math.max(0, options.concurrency()));
    }

    /** Claims the next due row, in a transaction of its own (a repository's {@code claim}). */
    protected abstract Optional<T> claim(String worker, Instant now, Duration lease);

    /** Handles a claimed row and ends its claim; an exception is logged and the lease lets the row be tried again. */
    protected abstract void handle(T claimed);

    /**
     * The threads rows are handled on: virtual, for work that waits on the network. Work that runs long in native
     * code (the embedding model) would hold a virtual thread's carrier all that time, so it takes platform threads.
     */
    protected Thread.Builder threads() {
        return Thread.ofVirtual();
    }

    /** Whether this instance should claim work now (for instance, only while a chat provider is configured). */
    protected boolean ready() {
        return true;
    }

    /** Work was stored or became due: look at once rather than at the next poll. */
    public void wake() {
        newRound.set(true);
        signal();
    }

    private void signal() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running || options.concurrency() <= 0) {
            return;
        }
        running = true;
        handlers = Executors.newThreadPerTaskExecutor(
                threads().name(options.name() + "-", 0).factory());
        Thread.ofPlatform().daemon().name(options.name()).start(this::run);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        signal();
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "{}: work still running at shutdown; its lease lets another instance finish it",
                        options.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Paced by the machine's monotonic time: the clock only dates the rows (a test may hold it still). */
    private void run() {
        long beat = options.lease().dividedBy(3).toNanos();
        long poll = options.poll().toNanos();
        long nextBeat = System.nanoTime() + beat;
        long nextPoll = System.nanoTime() + poll;
        while (running) {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("{}: cannot claim work now: {}", options.name(), e.toString());
            }
            if (System.nanoTime() - nextBeat >= 0) {
                renewLeases();
                nextBeat = System.nanoTime() + beat;
            }
            try {
                long now = System.nanoTime();
                long wait = Math.min(nextPoll - now, nextBeat - now);
                wakeups.tryAcquire(Math.max(1_000_000, wait), TimeUnit.NANOSECONDS);
                wakeups.drainPermits();
                // A round ends with a wake from outside or a poll; a heartbeat or a freed slot does not end it.
                if (newRound.getAndSet(false) || System.nanoTime() - nextPoll >= 0) {
                    handledThisRound.clear();
                    nextPoll = System.nanoTime() + poll;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void renewLeases() {
        try {
            queue.renew(inFlight.values(), clock.instant(), options.lease());
        } catch (RuntimeException e) {
            log.warn("{}: could not renew leases: {}", options.name(), e.toString());
        }
    }

    private void drain() {
        while (running && ready() && slots.tryAcquire()) {
            Optional<T> next;
            try {
                next = claim(worker, clock.instant(), options.lease());
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            if (next.isEmpty()) {
                slots.release();
                return;
            }
            T claimed = next.get();
            UUID id = queue.leaseOf(claimed).id();
            if (!handledThisRound.add(id)) {
                queue.release(claimed);
                slots.release();
                return;
            }
            inFlight.put(id, claimed);
            handlers.execute(() -> {
                try {
                    handle(claimed);
                } catch (RuntimeException e) {
                    log.error("{}: unexpected failure", options.name(), e);
                } finally {
                    inFlight.remove(id);
                    slots.release();
                    signal();
                }
            });
        }
    }
}
