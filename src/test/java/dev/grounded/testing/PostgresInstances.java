package dev.grounded.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several app "instances" on one fresh PostgreSQL database migrated by the product's Flyway scripts, each with its own
 * connection pool, as separate processes would have: for proving that queued work is claimed by exactly one of them.
 */
public final class PostgresInstances implements AutoCloseable {

    /** One claim: what was claimed, and by which instance. */
    public record Claim(UUID id, String instance) {}

    private final PostgresTestDatabase database;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final JdbcClient jdbc;

    private PostgresInstances(PostgresTestDatabase database) {
        this.database = database;
        DataSource setup = pool();
        Flyway.configure()
                .dataSource(setup)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
        this.jdbc = JdbcClient.create(setup);
    }

    /** A migrated database holding the tenant {@code tenant}. */
    public static PostgresInstances withTenant(String tenant) {
        var instances = new PostgresInstances(PostgresTestDatabase.create());
        instances
                .jdbc
                .sql("insert into tenant (id, name, created_at) values (:id, :id, :now)")
                .param("id", tenant)
                .param("now", Timestamp.from(Instant.now()))
                .update();
        return instances;
    }

    /** The connection of the test itself, for setting up rows and checking them. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /** A new instance's own pool. */
    public HikariDataSource pool() {
        var pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setMaximumPoolSize(2);
        pools.add(pool);
        return pool;
    }

    public static TransactionTemplate transactions(DataSource pool) {
        return new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    /**
     * Starts {@code count} instances at once, each claiming in a loop until it finds nothing more.
     *
     * @param claimer given an instance's name and pool, makes one claim (empty when there is nothing left)
     * @return every claim made
     */
    public List<Claim> claimConcurrently(int count, Function<InstancePool, Supplier<Optional<UUID>>> claimer)
            throws InterruptedException {
        var claims = new ConcurrentLinkedQueue<Claim>();
        var start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(count);
        for (int n = 0; n < count; n++) {
            String instance = "instance-" + n;
            Supplier<Optional<UUID>> claim = claimer.apply(new InstancePool(instance, pool()));
            executor.submit(() -> {
                start.await();
                for (Optional<UUID> next = claim.get(); next.isPresent(); next = claim.get()) {
                    claims.add(new Claim(next.get(), instance));
                }
                return null;
            });
        }
        start.countDown();
        executor.shutdown();
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The instances did not finish claiming within 60 s");
        }
        return List.copyOf(claims);
    }

    /** An instance: its name and its own pool. */
    public record InstancePool(String name, DataSource pool) {}

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        database.close();
    }
}
