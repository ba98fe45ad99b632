package dev.grounded.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database on the real PostgreSQL server named by {@code GROUNDED_TEST_POSTGRES_URL} (a JDBC URL of a
 * database the test user may create databases from, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}).
 *
 * <p>Without that variable the test is skipped with a one-line notice; under {@code CI=true} it fails instead, so CI
 * cannot go green without having run against PostgreSQL.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String ENV = "GROUNDED_TEST_POSTGRES_URL";

    private final String adminUrl;
    private final String name;
    private final String url;

    private PostgresTestDatabase(String adminUrl) {
        this.adminUrl = adminUrl;
        this.name =
                "grounded_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        this.url = base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    /** Creates the database, or skips (fails under CI) when no server is configured. */
    public static PostgresTestDatabase create() {
        String adminUrl = System.getenv(ENV);
        if (adminUrl == null || adminUrl.isBlank()) {
            String notice = ENV + " is not set: PostgreSQL integration tests need a server with pgvector"
                    + " (run scripts/setup-postgres.sh and export it, as .ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                fail(notice);
            }
            System.err.println("SKIPPED: " + notice);
            assumeTrue(false, notice);
        }
        var db = new PostgresTestDatabase(adminUrl);
        db.execute("create database " + db.name);
        return db;
    }

    public String url() {
        return url;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        execute("drop database if exists " + name + " with (force)");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            c.createStatement().execute(sql.toLowerCase(Locale.ROOT));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ENV + ": " + e.getMessage(), e);
        }
    }
}
