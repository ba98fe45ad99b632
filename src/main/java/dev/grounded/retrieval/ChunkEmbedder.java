package dev.grounded.retrieval;

import dev.grounded.retrieval.internal.embedding.BgeSmallEmbeddingModel;
import dev.grounded.retrieval.internal.embedding.RemoteEmbeddingModel;
import java.util.List;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.stereotype.Component;

/**
 * Embeds chunks with the configured {@link EmbeddingModel} on the text retrieval compares against (title, section
 * path and body), so ingestion can embed in batches, report progress, and hand finished vectors to the index.
 */
@Component
public class ChunkEmbedder {

    /** Which model produced an index's vectors; vectors of different models must not be mixed. */
    public record ModelInfo(String name, int dimensions) {}

    private final EmbeddingModel model;
    private final ModelInfo info;

    ChunkEmbedder(EmbeddingModel model) {
        this.model = model;
        this.info = new ModelInfo(name(model), model.dimensions());
    }

    /** The model's name as documents record it: bge-small's, an endpoint's model, or a test's class. */
    public static String name(EmbeddingModel model) {
        if (model instanceof BgeSmallEmbeddingModel) {
            return BgeSmallEmbeddingModel.NAME;
        }
        if (model instanceof RemoteEmbeddingModel remote) {
            return remote.name();
        }
        return model.getClass().getSimpleName();
    }

    public List<float[]> embed(List<org.springframework.ai.document.Document> chunks) {
        if (chunks.isEmpty()) {
            return List.of();
        }
        return model.embed(chunks.stream().map(ChunkMetadata::embeddingText).toList());
    }

    public ModelInfo model() {
        return info;
    }
}
