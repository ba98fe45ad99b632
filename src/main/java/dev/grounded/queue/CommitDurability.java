package dev.grounded.queue;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Says at start-up when the database would lose a commit to a crash: every acknowledged webhook and every queue's
 * state rely on a commit being on disk when it returns. H2 must run with {@code WRITE_DELAY=0} (its default keeps
 * commits in memory for up to half a second); PostgreSQL with {@code synchronous_commit} on, its default.
 */
@Component
class CommitDurability {

    private static final Logger log = LoggerFactory.getLogger(CommitDurability.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    CommitDurability(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        try {
            problem()
                    .ifPresent(problem -> log.warn(
                            "{}: a crash may lose webhooks already acknowledged to WhatsApp providers and queue state",
                            problem));
        } catch (Exception e) {
            log.info("Could not read the database's commit settings: {}", e.toString());
        }
    }

    /** What would lose a commit to a crash, if anything. */
    Optional<String> problem() throws SQLException {
        String product;
        try (var connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
        return Optional.ofNullable(product.contains("h2") ? h2() : product.contains("postgres") ? postgres() : null);
    }

    private String h2() {
        // Listed twice (the database's setting and the store's), the same value.
        return jdbc
                .sql("select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")
                .query(String.class)
                .list()
                .stream()
                .filter(delay -> !delay.strip().equals("0"))
                .findFirst()
                .map(delay -> "H2 keeps commits in memory for up to " + delay
                        + " ms (WRITE_DELAY); set WRITE_DELAY=0 in the datasource URL")
                .orElse(null);
    }

    private String postgres() {
        String setting = jdbc.sql("show synchronous_commit").query(String.class).single();
        return setting.equalsIgnoreCase("off")
                ? "PostgreSQL runs with synchronous_commit = off; set it to on (its default)"
                : null;
    }
}
