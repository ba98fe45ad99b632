package dev.grounded.channel.whatsapp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims work from a shared queue and handles up to {@code concurrency} items at once on virtual threads. It looks
 * for work when woken (new work stored by this instance, an item finished) and otherwise every {@code poll}, for
 * work other instances stored or left behind.
 */
final class QueueLoop<T> {

    private static final Logger log = LoggerFactory.getLogger(QueueLoop.class);

    private final String name;
    private final Semaphore slots;
    private final Duration poll;
    private final Supplier<Optional<T>> claim;
    private final Consumer<T> handle;
    private final Semaphore wakeups = new Semaphore(0);
    private final ExecutorService workers;
    private volatile boolean running;
    private Thread loop;

    QueueLoop(String name, int concurrency, Duration poll, Supplier<Optional<T>> claim, Consumer<T> handle) {
        this.name = name;
        this.slots = new Semaphore(concurrency);
        this.poll = poll;
        this.claim = claim;
        this.handle = handle;
        this.workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(name + "-", 0).factory());
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    boolean isRunning() {
        return running;
    }

    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    synchronized void stop(Duration grace) {
        running = false;
        wake();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: work still running at shutdown; its lease lets another instance finish it", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("{}: cannot claim work now: {}", name, e.toString());
            }
            try {
                wakeups.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drain() {
        while (running && slots.tryAcquire()) {
            Optional<T> next;
            try {
                next = claim.get();
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            if (next.isEmpty()) {
                slots.release();
                return;
            }
            T item = next.get();
            workers.execute(() -> {
                try {
                    handle.accept(item);
                } catch (RuntimeException e) {
                    log.error("{}: unexpected failure", name, e);
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
    }
}
