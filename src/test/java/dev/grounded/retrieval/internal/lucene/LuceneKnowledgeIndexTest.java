package dev.grounded.retrieval.internal.lucene;

import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.KnowledgeIndexContract;
import dev.grounded.retrieval.RetrievalProperties;
import dev.grounded.testing.HashingEmbeddingModel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class LuceneKnowledgeIndexTest extends KnowledgeIndexContract {

    @TempDir
    Path dir;

    private LuceneKnowledgeIndex index;

    @BeforeEach
    void open() throws Exception {
        index = new LuceneKnowledgeIndex(
                new RetrievalProperties(dir, 30, 60, 1, 1, 0),
                new HashingEmbeddingModel(),
                JsonMapper.builder().build());
    }

    @AfterEach
    void close() throws Exception {
        index.destroy();
    }

    @Override
    protected KnowledgeIndex index() {
        return index;
    }
}
