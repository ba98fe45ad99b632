package dev.grounded.retrieval.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.retrieval.SupportedLanguage;
import dev.grounded.testing.PostgresTestDatabase;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migrated database analyses each supported language's chunks with that language's text search configuration,
 * as {@link SupportedLanguage} lists it, and PostgreSQL has every configuration named there.
 */
class PgLanguagesIT {

    @Test
    void theChunkAnalysisFollowsTheSupportedLanguages() {
        try (var database = PostgresTestDatabase.create()) {
            var dataSource = new PGSimpleDataSource();
            dataSource.setURL(database.url());
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                    .load()
                    .migrate();
            var jdbc = JdbcClient.create(dataSource);

            String function = jdbc.sql("select pg_get_functiondef('knowledge_chunk_tsvector'::regproc)")
                    .query(String.class)
                    .single();
            Map<String, String> mapped = Pattern.compile("WHEN '([a-z]+)'::text THEN '([a-z]+)'::regconfig")
                    .matcher(function)
                    .results()
                    .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
            Map<String, String> expected = java.util.Arrays.stream(SupportedLanguage.values())
                    .filter(language -> !language.textSearch().equals("simple"))
                    .collect(Collectors.toMap(SupportedLanguage::code, SupportedLanguage::textSearch));
            assertThat(mapped).isEqualTo(expected);

            for (SupportedLanguage language : SupportedLanguage.values()) {
                assertThat(jdbc.sql("select count(*) from pg_ts_config where cfgname = :name")
                                .param("name", language.textSearch())
                                .query(Integer.class)
                                .single())
                        .as(language.textSearch())
                        .isEqualTo(1);
            }
        }
    }
}
