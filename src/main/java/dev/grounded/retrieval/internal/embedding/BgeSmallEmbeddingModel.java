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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
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
 */
public class BgeSmallEmbeddingModel extends AbstractEmbeddingModel implements DisposableBean {

    public static final String NAME = "bge-small-en-v1.5-q";
    public static final int DIMENSIONS = 384;

    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    private final OrtSession session;
    private final Model model;

    public BgeSmallEmbeddingModel() {
        this(Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("embedding-", 0).factory()));
    }

    BgeSmallEmbeddingModel(Executor executor) {
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
        var vectors = model.embedAll(segments).content();
        List<Embedding> embeddings = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            embeddings.add(new Embedding(vectors.get(i).vector(), i));
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
    public void destroy() throws OrtException {
        session.close();
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

        Model(OnnxBertBiEncoder encoder, Executor executor) {
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
