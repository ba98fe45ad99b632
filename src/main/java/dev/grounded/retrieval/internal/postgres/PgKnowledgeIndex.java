package dev.grounded.retrieval.internal.postgres;

import com.pgvector.PGvector;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.IndexHit;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.SupportedLanguage;
import dev.grounded.retrieval.internal.Chunks;
import dev.grounded.retrieval.internal.QueryText;
import dev.grounded.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The postgres profile's chunk index: dense search through Spring AI's PgVectorStore (HNSW, cosine) and BM25 keyword
 * search over PostgreSQL's language-aware full-text analysis, both on the Flyway-created {@code knowledge_chunk} table.
 */
@Component
@Profile("postgres")
class PgKnowledgeIndex implements KnowledgeIndex {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /**
     * BM25 (k1 1.2, b 0.75, Lucene's formula) computed in SQL over the tenant's chunks. The query is analysed with
     * every text-search configuration a chunk may be stored with and the union of its lexemes is OR-ed, so a chunk in
     * any language matches on any query term. The candidates are every chunk holding any query lexeme, so counting them
     * per lexeme gives each lexeme's document frequency in the tenant exactly.
     */
    private static final String KEYWORD_SEARCH = """
            with lexemes as (
                select distinct unnest(tsvector_to_array(%s)) as lexeme
            ), terms as (
                select string_agg(quote_literal(lexeme), ' | ')::tsquery as query from lexemes
            ), collection as (
                select count(*)::float8 as documents, greatest(coalesce(avg(content_terms), 1), 1)::float8 as average
                from knowledge_chunk where tenant_id = :tenant
            ), postings as (
                select c.id, c.content_terms as length, t.lexeme,
                       coalesce(array_length(t.positions, 1), 1) as frequency
                from knowledge_chunk c
                cross join terms
                cross join lateral unnest(c.content_tsv) t
                where c.tenant_id = :tenant and terms.query is not null and c.content_tsv @@ terms.query
                  and t.lexeme in (select lexeme from lexemes)
            ), frequencies as (
                select lexeme, count(*)::float8 as documents from postings group by lexeme
            ), scores as (
                select p.id, sum(
                    ln(1 + (collection.documents - f.documents + 0.5) / (f.documents + 0.5))
                    * p.frequency / (p.frequency + 1.2 * (0.25 + 0.75 * p.length / collection.average))) as score
                from postings p
                join frequencies f on f.lexeme = p.lexeme
                cross join collection
                group by p.id
                order by score desc, p.id
                limit :limit
            )
            select c.id, c.content, c.metadata::text as metadata, s.score
            from scores s join knowledge_chunk c on c.id = s.id
            order by s.score desc, c.id
            """.formatted(queryVector());

    /** The query analysed with every supported language's text search configuration, and with none (simple). */
    private static String queryVector() {
        return Stream.concat(
                        Arrays.stream(SupportedLanguage.values()).map(SupportedLanguage::textSearch),
                        Stream.of("simple"))
                .distinct()
                .map(config -> "to_tsvector('" + config + "', :query)")
                .collect(Collectors.joining(" || "));
    }

    private final VectorStore vectorStore;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    PgKnowledgeIndex(
            VectorStore vectorStore,
            JdbcClient jdbc,
            JdbcTemplate batch,
            TransactionTemplate transactions,
            JsonMapper json) {
        this.vectorStore = vectorStore;
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void replace(TenantId tenant, String sourceId, List<Document> chunks, List<float[]> vectors) {
        List<Document> scoped = Chunks.scoped(chunks, tenant, sourceId);
        Chunks.requireOneVectorEach(scoped, vectors);
        // One transaction: readers keep seeing the old chunks until the new ones commit. Rows are written here
        // rather than through the vector store, which would embed them again.
        List<Object[]> rows = new ArrayList<>(scoped.size());
        for (int i = 0; i < scoped.size(); i++) {
            Document chunk = scoped.get(i);
            rows.add(new Object[] {
                UUID.randomUUID(),
                chunk.getText(),
                json.writeValueAsString(chunk.getMetadata()),
                new PGvector(vectors.get(i)).getValue()
            });
        }
        transactions.executeWithoutResult(status -> {
            deleteSource(tenant, sourceId);
            batch.batchUpdate("""
                    insert into knowledge_chunk (id, content, metadata, embedding)
                    values (?, ?, cast(? as jsonb), cast(? as vector))
                    """, rows);
        });
    }

    @Override
    public void delete(TenantId tenant, String sourceId) {
        deleteSource(tenant, sourceId);
    }

    @Override
    public void put(TenantId tenant, String sourceId, Document chunk, float[] vector) {
        Document scoped = Chunks.scoped(List.of(chunk), tenant, sourceId).getFirst();
        UUID id = chunkId(scoped.getId());
        String metadata = json.writeValueAsString(scoped.getMetadata());
        String embedding = new PGvector(vector).getValue();
        transactions.executeWithoutResult(status -> {
            deleteChunk(tenant, sourceId, id);
            jdbc.sql("""
                            insert into knowledge_chunk (id, content, metadata, embedding)
                            values (:id, :content, cast(:metadata as jsonb), cast(:embedding as vector))
                            """)
                    .param("id", id)
                    .param("content", scoped.getText())
                    .param("metadata", metadata)
                    .param("embedding", embedding)
                    .update();
        });
    }

    @Override
    public void remove(TenantId tenant, String sourceId, String chunkId) {
        deleteChunk(tenant, sourceId, chunkId(chunkId));
    }

    @Override
    public List<IndexHit> keywordSearch(TenantId tenant, String query, int topK) {
        return jdbc.sql(KEYWORD_SEARCH)
                .param("query", query)
                .param("tenant", tenant.value())
                .param("limit", topK)
                .query((rs, n) -> new IndexHit(
                        Document.builder()
                                .id(rs.getString("id"))
                                .text(rs.getString("content"))
                                .metadata(json.readValue(rs.getString("metadata"), MAP))
                                .build(),
                        rs.getDouble("score")))
                .list();
    }

    @Override
    public List<IndexHit> denseSearch(TenantId tenant, String query, int topK) {
        var request = SearchRequest.builder()
                .query(QueryText.forEmbedding(query))
                .topK(topK)
                .similarityThresholdAll()
                .filterExpression(new FilterExpressionBuilder()
                        .eq(ChunkMetadata.TENANT, tenant.value())
                        .build())
                .build();
        return vectorStore.similaritySearch(request).stream()
                .map(chunk -> new IndexHit(chunk, chunk.getScore() == null ? 0 : chunk.getScore()))
                .toList();
    }

    @Override
    public List<Document> chunks(TenantId tenant, String sourceId) {
        return jdbc.sql("""
                        select id, content, metadata::text as metadata from knowledge_chunk
                        where tenant_id = :tenant and source_id = :source
                        order by (metadata ->> 'chunkIndex')::int
                        """)
                .param("tenant", tenant.value())
                .param("source", sourceId)
                .query((rs, n) -> Document.builder()
                        .id(rs.getString("id"))
                        .text(rs.getString("content"))
                        .metadata(json.readValue(rs.getString("metadata"), MAP))
                        .build())
                .list();
    }

    @Override
    public long count(TenantId tenant) {
        return jdbc.sql("select count(*) from knowledge_chunk where tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(Long.class)
                .single();
    }

    private void deleteChunk(TenantId tenant, String sourceId, UUID id) {
        jdbc.sql("delete from knowledge_chunk where tenant_id = :tenant and source_id = :source and id = :id")
                .param("tenant", tenant.value())
                .param("source", sourceId)
                .param("id", id)
                .update();
    }

    /** Chunk ids are UUIDs in this table; any other id maps to one by its bytes, so put and remove agree on it. */
    private static UUID chunkId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void deleteSource(TenantId tenant, String sourceId) {
        jdbc.sql("delete from knowledge_chunk where tenant_id = :tenant and source_id = :source")
                .param("tenant", tenant.value())
                .param("source", sourceId)
                .update();
    }
}
