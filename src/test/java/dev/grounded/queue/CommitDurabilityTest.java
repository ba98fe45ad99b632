package dev.grounded.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** An H2 database that would lose acknowledged commits to a crash is named at start-up; a durable one is not. */
class CommitDurabilityTest {

    @TempDir
    Path data;

    @Test
    void anH2WithAWriteDelayIsReported() throws Exception {
        assertThat(problem(""))
                .hasValue("H2 keeps commits in memory for up to 500 ms (WRITE_DELAY); set WRITE_DELAY=0"
                        + " in the datasource URL");
    }

    @Test
    void anH2ThatWritesEveryCommitIsNot() throws Exception {
        assertThat(problem(";WRITE_DELAY=0")).isEmpty();
    }

    private Optional<String> problem(String settings) throws Exception {
        var dataSource = new SingleConnectionDataSource(
                "jdbc:h2:file:" + data.resolve(UUID.randomUUID().toString()) + settings, "sa", "", true);
        try {
            return new CommitDurability(JdbcClient.create(dataSource), dataSource).problem();
        } finally {
            dataSource.destroy();
        }
    }
}
