package dev.grounded.retrieval.internal.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.retrieval.KnowledgeIndexContract;
import dev.grounded.testing.HashingEmbeddingModel;
import dev.grounded.testing.PostgresTestDatabase;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The contract against a real PostgreSQL with pgvector, on the schema the Flyway migrations create. */
class PgKnowledgeIndexIT extends KnowledgeIndexContract {

    private PostgresTestDatabase database;
    private HikariDataSource dataSource;
    private PgKnowledgeIndex index;

    @BeforeEach
    void open() throws Exception {
        database = PostgresTestDatabase.create();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setConnectionInitSql(productSetting("spring.datasource.hikari.connection-init-sql"));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
        var embeddings = new HashingEmbeddingModel();
        var jdbcTemplate = new JdbcTemplate(dataSource);
        var vectorStore = new PgVectorStoreConfiguration().vectorStore(jdbcTemplate, embeddings);
        ((org.springframework.beans.factory.InitializingBean) vectorStore).afterPropertiesSet();
        index = new PgKnowledgeIndex(
                vectorStore,
                JdbcClient.create(dataSource),
                new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                JsonMapper.builder().build());
    }

    /** The session settings the app itself uses, so this test cannot drift from them. */
    private static String productSetting(String key) throws Exception {
        var properties = new Properties();
        try (var in = new ClassPathResource("application-postgres.properties").getInputStream()) {
            properties.load(in);
        }
        return properties.getProperty(key);
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected KnowledgeIndex index() {
        return index;
    }
}
