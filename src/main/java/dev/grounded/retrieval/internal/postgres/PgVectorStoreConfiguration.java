package dev.grounded.retrieval.internal.postgres;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore.PgDistanceType;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore.PgIndexType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@Profile("postgres")
class PgVectorStoreConfiguration {

    /** Flyway owns the table (V4__create_knowledge_chunk.sql); the store never creates or drops schema. */
    @Bean
    VectorStore vectorStore(JdbcTemplate jdbcTemplate, EmbeddingModel embeddingModel) {
        Integer column = jdbcTemplate.queryForObject("""
                select atttypmod from pg_attribute
                where attrelid = 'knowledge_chunk'::regclass and attname = 'embedding'
                """, Integer.class);
        if (column != null && column > 0 && column != embeddingModel.dimensions()) {
            // Following a model's dimension in this table (a migration, and a re-embed that serves the old vectors
            // until the new ones are complete) is not built yet: refuse to start rather than fail every ingestion.
            throw new IllegalStateException("The embedding model makes vectors of " + embeddingModel.dimensions()
                    + " dimensions; the postgres profile's knowledge_chunk.embedding holds " + column
                    + ". Choose a model of " + column + " dimensions here, or use the embedded profile.");
        }
        return PgVectorStore.builder(jdbcTemplate, embeddingModel)
                .vectorTableName("knowledge_chunk")
                .dimensions(embeddingModel.dimensions())
                .distanceType(PgDistanceType.COSINE_DISTANCE)
                .indexType(PgIndexType.HNSW)
                .initializeSchema(false)
                .removeExistingVectorStoreTable(false)
                .vectorTableValidationsEnabled(true)
                .build();
    }
}
