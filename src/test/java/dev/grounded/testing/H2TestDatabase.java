package dev.grounded.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 database with the embedded profile's schema, migrated by Flyway as the application does. */
public final class H2TestDatabase {

    private H2TestDatabase() {}

    public static DataSource migrated() {
        return migrated("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    /** The database at {@code url} (an in-memory one kept open), migrated. */
    public static DataSource migrated(String url) {
        var dataSource = new DriverManagerDataSource(url);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        return dataSource;
    }
}
