package dev.grounded.retrieval.internal.lucene;

import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.IndexHit;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.RetrievalProperties;
import dev.grounded.retrieval.internal.Chunks;
import dev.grounded.retrieval.internal.LanguageAnalyzers;
import dev.grounded.retrieval.internal.QueryText;
import dev.grounded.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded profile's chunk index: one Lucene index holding BM25 text fields and HNSW vectors for all tenants,
 * every search filtered to one tenant and keyword search scored with that tenant's own statistics.
 */
@Component
@Profile("!postgres")
class LuceneKnowledgeIndex implements KnowledgeIndex, DisposableBean {

    private static final String ID = "id";
    private static final String TENANT = "tenant";
    private static final String KEY = "key";
    private static final String TEXT = "text";
    private static final String METADATA = "metadata";
    private static final String VECTOR = "vector";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final EmbeddingModel embeddings;
    private final JsonMapper json;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Analyzer> analyzers = LanguageAnalyzers.byField();

    LuceneKnowledgeIndex(RetrievalProperties properties, EmbeddingModel embeddings, JsonMapper json)
            throws IOException {
        this.embeddings = embeddings;
        this.json = json;
        Files.createDirectories(properties.indexDir());
        this.writer = new IndexWriter(
                FSDirectory.open(properties.indexDir()), new IndexWriterConfig(LanguageAnalyzers.perField()));
        this.searchers = new SearcherManager(writer, null);
    }

    @Override
    public void replace(TenantId tenant, String sourceId, List<Document> chunks, List<float[]> vectors) {
        List<Document> scoped = Chunks.scoped(chunks, tenant, sourceId);
        Chunks.requireOneVectorEach(scoped, vectors);
        List<org.apache.lucene.document.Document> docs = new ArrayList<>(scoped.size());
        for (int i = 0; i < scoped.size(); i++) {
            docs.add(toLucene(tenant, sourceId, scoped.get(i), vectors.get(i)));
        }
        write(() -> writer.updateDocuments(key(tenant, sourceId), docs));
    }

    @Override
    public void delete(TenantId tenant, String sourceId) {
        write(() -> writer.deleteDocuments(key(tenant, sourceId)));
    }

    @Override
    public void put(TenantId tenant, String sourceId, Document chunk, float[] vector) {
        Document scoped = Chunks.scoped(List.of(chunk), tenant, sourceId).getFirst();
        write(() -> writer.updateDocuments(
                chunkQuery(tenant, sourceId, scoped.getId()), List.of(toLucene(tenant, sourceId, scoped, vector))));
    }

    @Override
    public void remove(TenantId tenant, String sourceId, String chunkId) {
        write(() -> writer.deleteDocuments(chunkQuery(tenant, sourceId, chunkId)));
    }

    @Override
    public List<IndexHit> keywordSearch(TenantId tenant, String query, int topK) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        boolean anyTerm = false;
        for (var field : analyzers.entrySet()) {
            Query q = new QueryBuilder(field.getValue()).createBooleanQuery(field.getKey(), query, Occur.SHOULD);
            if (q != null) {
                text.add(q, Occur.SHOULD);
                anyTerm = true;
            }
        }
        if (!anyTerm) {
            return List.of();
        }
        return search(tenant, text.build(), topK, score -> score, true);
    }

    @Override
    public List<IndexHit> denseSearch(TenantId tenant, String query, int topK) {
        float[] vector = embeddings.embed(QueryText.forEmbedding(query));
        Query knn = new KnnFloatVectorQuery(VECTOR, vector, topK, tenantFilter(tenant));
        // Lucene reports cosine as (1 + cos) / 2; hits carry the cosine itself, as pgvector's do.
        return search(tenant, knn, topK, score -> 2 * score - 1, false);
    }

    @Override
    public List<Document> chunks(TenantId tenant, String sourceId) {
        return search(tenant, new TermQuery(key(tenant, sourceId)), 100_000, score -> score, false).stream()
                .map(IndexHit::chunk)
                .sorted(Comparator.comparingInt(c -> ChunkMetadata.integer(c, ChunkMetadata.CHUNK_INDEX)))
                .toList();
    }

    @Override
    public long count(TenantId tenant) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(tenantFilter(tenant));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() throws IOException {
        searchers.close();
        writer.close();
    }

    /** @param tenantStatistics score with the tenant's own BM25 statistics, not the whole index's */
    private List<IndexHit> search(
            TenantId tenant,
            Query query,
            int topK,
            java.util.function.DoubleUnaryOperator toScore,
            boolean tenantStatistics) {
        Query scoped = new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(tenantFilter(tenant), Occur.FILTER)
                .build();
        try {
            IndexSearcher shared = searchers.acquire();
            try {
                IndexSearcher searcher = tenantStatistics
                        ? new TenantStatisticsSearcher(shared.getIndexReader(), tenantTerm(tenant))
                        : shared;
                ScoreDoc[] hits = searcher.search(scoped, topK).scoreDocs;
                StoredFields stored = searcher.storedFields();
                List<IndexHit> result = new ArrayList<>(hits.length);
                for (ScoreDoc hit : hits) {
                    var doc = stored.document(hit.doc);
                    Map<String, Object> metadata = new HashMap<>(json.readValue(doc.get(METADATA), MAP));
                    Document chunk = Document.builder()
                            .id(doc.get(ID))
                            .text(doc.get(TEXT))
                            .metadata(metadata)
                            .build();
                    result.add(new IndexHit(chunk, toScore.applyAsDouble(hit.score)));
                }
                return result;
            } finally {
                searchers.release(shared);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private org.apache.lucene.document.Document toLucene(
            TenantId tenant, String sourceId, Document chunk, float[] vector) {
        var doc = new org.apache.lucene.document.Document();
        doc.add(new StringField(ID, chunk.getId(), Field.Store.YES));
        doc.add(new StringField(TENANT, tenant.value(), Field.Store.NO));
        doc.add(new StringField(KEY, key(tenant, sourceId).text(), Field.Store.NO));
        doc.add(new StoredField(TEXT, chunk.getText()));
        doc.add(new StoredField(METADATA, json.writeValueAsString(chunk.getMetadata())));
        String language = ChunkMetadata.string(chunk, ChunkMetadata.LANGUAGE);
        doc.add(new TextField(LanguageAnalyzers.field(language), ChunkMetadata.embeddingText(chunk), Field.Store.NO));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        return doc;
    }

    private static Term key(TenantId tenant, String sourceId) {
        return new Term(KEY, tenant.value() + '/' + sourceId);
    }

    /** A chunk by its id, only within the tenant's source: an id from elsewhere matches nothing. */
    private static Query chunkQuery(TenantId tenant, String sourceId, String chunkId) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(key(tenant, sourceId)), Occur.FILTER)
                .add(new TermQuery(new Term(ID, chunkId)), Occur.FILTER)
                .build();
    }

    private static Query tenantFilter(TenantId tenant) {
        return new TermQuery(tenantTerm(tenant));
    }

    private static Term tenantTerm(TenantId tenant) {
        return new Term(TENANT, tenant.value());
    }

    private void write(IndexOperation operation) {
        try {
            operation.run();
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IndexOperation {
        void run() throws IOException;
    }
}
