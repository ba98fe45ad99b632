package dev.grounded.retrieval.internal.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.grounded.retrieval.ChunkMetadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.beans.factory.DisposableBean;

/**
 * bge-small-en-v1.5 (quantized ONNX, 384 dimensions) in process, behind Spring AI's {@code EmbeddingModel}. The model
 * and its tokenizer ship inside a Maven artifact, so it works offline with no API key.
 *
 * <p>The ONNX session runs each inference on the calling thread and never spins: ONNX Runtime's default (one pool
 * thread per core, busy-waiting between operators) burns a core per query on a small machine while the reply
 * pipeline's other work waits. Parallelism comes from embedding several texts at once instead, one per thread of
 * {@code executor}: a query uses one thread, a document's batch of chunks all of them.
 *
 * <p>Closing the session while an inference runs on it is a use-after-free in native code that kills the JVM (a
 * shutdown in the middle of an ingestion did): {@link #destroy} waits for the embeddings in flight and refuses new
 * ones before it closes the session.
 */
public class BgeSmallEmbeddingModel extends AbstractEmbeddingModel implements DisposableBean {

    public static final String NAME = "bge-small-en-v1.5-q";
    public static final int DIMENSIONS = 384;

    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    private static final Logger log = LoggerFactory.getLogger(BgeSmallEmbeddingModel.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final OrtSession session;
    private final Model model;
    private final ExecutorService executor;
    /** Embeddings hold the read lock while they use the session; closing it takes the write lock. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Guarded by {@link #lifecycle}. */
    private boolean closed;

    public BgeSmallEmbeddingModel() {
        this(Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("embedding-", 0).factory()));
    }

    BgeSmallEmbeddingModel(ExecutorService executor) {
        this.executor = executor;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (InputStream onnx = resource(MODEL);
                InputStream tokenizer = resource(TOKENIZER);
                var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            this.session = environment.createSession(onnx.readAllBytes(), options);
            this.model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS), executor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding model " + MODEL, e);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot load the embedding model " + MODEL, e);
        }
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<TextSegment> segments =
                request.getInstructions().stream().map(TextSegment::from).toList();
        List<Embedding> embeddings = new ArrayList<>(segments.size());
        Lock using = lifecycle.readLock();
        using.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The embedding model is shut down");
            }
            var vectors = model.embedAll(segments).content();
            for (int i = 0; i < vectors.size(); i++) {
                embeddings.add(new Embedding(vectors.get(i).vector(), i));
            }
        } finally {
            using.unlock();
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return embed(getEmbeddingContent(document));
    }

    @Override
    public String getEmbeddingContent(Document document) {
        return ChunkMetadata.embeddingText(document);
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public void destroy() throws OrtException, InterruptedException {
        Lock closing = lifecycle.writeLock();
        if (!closing.tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
            // Leaving the session open at exit costs nothing; closing it under a running inference crashes the JVM.
            log.warn("Embeddings still running after {} s; the embedding model is left open", CLOSE_WAIT_SECONDS);
            return;
        }
        try {
            closed = true;
            executor.shutdown();
            // A batch whose caller gave up early (one text failed) may still have texts running on the pool.
            if (executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                session.close();
            } else {
                log.warn(
                        "Embedding threads still busy after {} s; the embedding model is left open",
                        CLOSE_WAIT_SECONDS);
            }
        } finally {
            closing.unlock();
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = OnnxBertBiEncoder.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException("The embedding model's " + name + " is not on the class path");
        }
        return stream;
    }

    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder, ExecutorService executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
