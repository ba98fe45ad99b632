package dev.grounded.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several app "instances" on one fresh PostgreSQL database migrated by the product's Flyway scripts, each with its own
 * connection pool, as separate processes would have: for proving that queued work is claimed by exactly one of them.
 */
public final class PostgresInstances implements AutoCloseable {

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

    /** A migrated database with no rows. */
    public static PostgresInstances empty() {
        return new PostgresInstances(PostgresTestDatabase.create());
    }

    /** A migrated database holding the tenant {@code tenant}. */
    public static PostgresInstances withTenant(String tenant) {
        var instances = empty();
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

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        database.close();
    }
}
