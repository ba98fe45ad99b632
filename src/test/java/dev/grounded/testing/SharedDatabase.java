package dev.grounded.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One migrated database, H2 or PostgreSQL, holding a tenant, that several app "instances" share, each with its own
 * connections: for proving that queued work is claimed by exactly one of them in both storage profiles.
 */
public final class SharedDatabase implements AutoCloseable {

    public enum Kind {
        H2,
        POSTGRESQL
    }

    private final JdbcClient jdbc;
    private final Supplier<DataSource> instances;
    private final AutoCloseable closer;

    private SharedDatabase(DataSource setup, Supplier<DataSource> instances, AutoCloseable closer) {
        this.jdbc = JdbcClient.create(setup);
        this.instances = instances;
        this.closer = closer;
    }

    /** A fresh database of {@code kind} holding the tenant {@code tenant}. */
    public static SharedDatabase of(Kind kind, String tenant) {
        SharedDatabase database =
                switch (kind) {
                    case H2 -> {
                        String url = "jdbc:h2:mem:" + UUID.randomUUID()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
                        DataSource migrated = H2TestDatabase.migrated(url);
                        yield new SharedDatabase(
                                migrated, () -> new DriverManagerDataSource(url), () -> JdbcClient.create(migrated)
                                        .sql("shutdown")
                                        .update());
                    }
                    case POSTGRESQL -> {
                        PostgresInstances postgres = PostgresInstances.empty();
                        yield new SharedDatabase(postgres.pool(), postgres::pool, postgres);
                    }
                };
        database.jdbc
                .sql("insert into tenant (id, name, created_at) values (:id, :id, :now)")
                .param("id", tenant)
                .param("now", Timestamp.from(Instant.now()))
                .update();
        return database;
    }

    /** The connection of the test itself, for setting up rows and checking them. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /** A new instance's own connections. */
    public DataSource instance() {
        return instances.get();
    }

    public static TransactionTemplate transactions(DataSource instance) {
        return new TransactionTemplate(new DataSourceTransactionManager(instance));
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
