package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.grounded.knowledge.DocumentId;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.PostgresTestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several app instances share one database: every ingestion job must be claimed by exactly one of them. Each "instance"
 * here has its own connection pool, as separate processes would.
 */
class IngestionJobsIT {

    private static final int JOBS = 60;
    private static final int INSTANCES = 4;
    private static final TenantId ACME = TenantId.of("acme");

    private PostgresTestDatabase database;
    private final List<HikariDataSource> pools = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyJobIsClaimedByExactlyOneInstance() throws Exception {
        JdbcClient jdbc = databaseWithTenant();
        Instant now = Instant.now();
        IngestionJobs queue = new IngestionJobs(jdbc);
        for (int i = 0; i < JOBS; i++) {
            queue.enqueue(ACME, insertDocument(jdbc, now), now);
        }

        var claims = new ConcurrentLinkedQueue<UUID>();
        var claimers = ConcurrentHashMap.<String>newKeySet();
        var start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(INSTANCES);
        for (int n = 0; n < INSTANCES; n++) {
            String instance = "instance-" + n;
            DataSource pool = pool();
            IngestionJobs jobs = new IngestionJobs(JdbcClient.create(pool));
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            executor.submit(() -> {
                start.await();
                while (true) {
                    var claimed = tx.execute(s -> jobs.claim(instance, Instant.now(), Duration.ofMinutes(5)));
                    if (claimed.isEmpty()) {
                        return null;
                    }
                    claims.add(claimed.get().jobId());
                    claimers.add(instance);
                }
            });
        }
        start.countDown();
        executor.shutdown();
        assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(claims).hasSize(JOBS).doesNotHaveDuplicates();
        assertThat(claimers).as("work spread over the instances").hasSizeGreaterThan(1);
        assertThat(Set.copyOf(jdbc.sql("select status from ingestion_job")
                        .query(String.class)
                        .list()))
                .containsExactly("RUNNING");
    }

    @Test
    void aJobWhoseLeaseRanOutIsClaimedAgain() {
        JdbcClient jdbc = databaseWithTenant();
        Instant now = Instant.now();
        IngestionJobs jobs = new IngestionJobs(jdbc);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pools.getFirst()));
        jobs.enqueue(ACME, insertDocument(jdbc, now), now);

        var first = tx.execute(s -> jobs.claim("crashed", now, Duration.ofMinutes(10)));
        var whileLeased = tx.execute(s -> jobs.claim("other", now.plusSeconds(60), Duration.ofMinutes(10)));
        var afterLease = tx.execute(s -> jobs.claim("other", now.plus(Duration.ofMinutes(11)), Duration.ofMinutes(10)));

        assertThat(first).isPresent();
        assertThat(whileLeased).isEmpty();
        assertThat(afterLease).isPresent();
        assertThat(afterLease.get().attempt()).isEqualTo(2);
    }

    /** A migrated database holding tenant acme, reached through its own pool. */
    private JdbcClient databaseWithTenant() {
        database = PostgresTestDatabase.create();
        DataSource setup = pool();
        Flyway.configure()
                .dataSource(setup)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(setup);
        jdbc.sql("insert into tenant (id, name, created_at) values ('acme', 'Acme', :now)")
                .param("now", Timestamp.from(Instant.now()))
                .update();
        return jdbc;
    }

    private static DocumentId insertDocument(JdbcClient jdbc, Instant now) {
        UUID doc = UUID.randomUUID();
        jdbc.sql("""
                        insert into knowledge_document (id, tenant_id, title, file_name, size_bytes, sha256, status,
                            created_at, updated_at)
                        values (:id, 'acme', 't', 'f', 1, :sha, 'QUEUED', :now, :now)
                        """)
                .param("id", doc)
                .param("sha", doc.toString())
                .param("now", Timestamp.from(now))
                .update();
        return new DocumentId(doc);
    }

    private HikariDataSource pool() {
        var pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setMaximumPoolSize(2);
        pools.add(pool);
        return pool;
    }
}
