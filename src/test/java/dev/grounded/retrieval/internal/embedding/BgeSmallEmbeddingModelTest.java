package dev.grounded.retrieval.internal.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BgeSmallEmbeddingModelTest {

    private static BgeSmallEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = new BgeSmallEmbeddingModel();
    }

    @AfterAll
    static void close() throws Exception {
        model.destroy();
    }

    @Test
    void embedsUnitVectorsThatPlaceParaphrasesCloserThanUnrelatedText() {
        float[] question = model.embed("How much does the fibre plan cost per month?");
        float[] paraphrase = model.embed("What is the monthly price of the fibre internet subscription?");
        float[] unrelated = model.embed("The cathedral was finished in the fourteenth century.");

        assertThat(question).hasSize(BgeSmallEmbeddingModel.DIMENSIONS);
        assertThat(norm(question)).isCloseTo(1.0, within(1e-3));
        assertThat(cosine(question, paraphrase)).isGreaterThan(cosine(question, unrelated) + 0.2);
    }

    @Test
    void aBatchEmbeddedAcrossThreadsEqualsEachTextEmbeddedAlone() {
        List<String> texts = List.of(
                "Installation is free on twelve-month contracts.",
                "Our shops open from nine to six on weekdays.",
                "You can cancel with thirty days' notice.",
                "Fibre 300 gives 300 megabits per second down.",
                "Routers are included with every plan.");

        List<float[]> batch = model.embed(texts);

        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = model.embed(texts.get(i));
            assertThat(cosine(batch.get(i), alone)).isCloseTo(1.0, within(1e-4));
        }
    }

    /** Closing the ONNX session under a running inference was a SIGSEGV that killed the JVM at shutdown. */
    @Test
    void shuttingDownWaitsForTheEmbeddingsInFlightAndRefusesNewOnes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        var pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread thread, Runnable task) {
                started.countDown();
            }
        };
        var closing = new BgeSmallEmbeddingModel(pool);
        List<String> texts = IntStream.range(0, 64)
                .mapToObj(i -> "Passage " + i + " on routers, invoices, installation fees and opening hours.")
                .toList();

        CompletableFuture<List<float[]>> inFlight = CompletableFuture.supplyAsync(() -> closing.embed(texts));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        closing.destroy();

        assertThat(inFlight).isDone();
        assertThat(inFlight.join()).hasSize(texts.size());
        assertThat(pool.isTerminated()).isTrue();
        assertThatThrownBy(() -> closing.embed("One more question"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
