package dev.grounded.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.tenant.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

class HybridSearchTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final Document FEES = Document.builder()
            .id("fees")
            .text("The installation fee is 49 EUR, waived on 24-month contracts.")
            .metadata(Map.of(ChunkMetadata.SOURCE_ID, "fees", ChunkMetadata.LANGUAGE, "en"))
            .build();

    @Test
    void whenTheEmbeddingModelFailsTheKeywordLegAnswersAloneJudgedByCoverage() {
        var search = new HybridSearch(
                new FailingDenseIndex(),
                new RetrievalProperties(null, 30, 10, 0.5, 1.0, 1),
                LegReading.bgeSmallEnglish("bge-small-en"),
                new LanguageDetector(List.of()));

        List<RetrievedChunk> hits = search.search(TENANT, "How much is the installation fee?", 5);

        assertThat(hits).extracting(RetrievedChunk::sourceId).containsExactly("fees");
        RetrievedChunk fees = hits.getFirst();
        assertThat(fees.denseJudges()).isFalse();
        assertThat(fees.coverage()).isEqualTo(1.0);
        assertThat(fees.confidence()).isGreaterThan(0.6);
    }

    /** An index whose dense leg fails as a remote embedding endpoint that is down would. */
    private static final class FailingDenseIndex implements KnowledgeIndex {

        @Override
        public List<IndexHit> keywordSearch(TenantId tenant, String query, int topK) {
            return List.of(new IndexHit(FEES, 3.2));
        }

        @Override
        public List<IndexHit> denseSearch(TenantId tenant, String query, int topK) {
            throw new IllegalStateException("embeddings endpoint answered 503");
        }

        @Override
        public void replace(TenantId tenant, String sourceId, List<Document> chunks, List<float[]> embeddings) {}

        @Override
        public void delete(TenantId tenant, String sourceId) {}

        @Override
        public void put(TenantId tenant, String sourceId, Document chunk, float[] embedding) {}

        @Override
        public void remove(TenantId tenant, String sourceId, String chunkId) {}

        @Override
        public List<Document> chunks(TenantId tenant, String sourceId) {
            return List.of();
        }

        @Override
        public long count(TenantId tenant) {
            return 1;
        }
    }
}
