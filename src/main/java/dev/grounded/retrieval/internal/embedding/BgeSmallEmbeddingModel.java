package dev.grounded.retrieval.internal.embedding;

import dev.grounded.retrieval.ChunkMetadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * bge-small-en-v1.5 (quantized ONNX, 384 dimensions) in process, behind Spring AI's {@code EmbeddingModel}. The model
 * and its tokenizer ship inside a Maven artifact, so it works offline with no API key.
 */
public class BgeSmallEmbeddingModel extends AbstractEmbeddingModel {

    public static final String NAME = "bge-small-en-v1.5-q";
    public static final int DIMENSIONS = 384;

    private final BgeSmallEnV15QuantizedEmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();

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
}
