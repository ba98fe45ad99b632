package dev.grounded.tenant.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed sign-ins by key ({@code user:<name>}, {@code address:<ip>}), shared by every instance. */
@Repository
public class LoginThrottleStore {

    public record Entry(int failures, Instant lastFailureAt, Instant blockedUntil) {}

    private final JdbcClient jdbc;

    LoginThrottleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String key) {
        return jdbc.sql("""
                        select failures, last_failure_at, blocked_until from login_throttle
                        where throttle_key = :key
                        """)
                .param("key", key)
                .query((rs, n) -> new Entry(
                        rs.getInt("failures"),
                        rs.getTimestamp("last_failure_at").toInstant(),
                        rs.getTimestamp("blocked_until") == null
                                ? null
                                : rs.getTimestamp("blocked_until").toInstant()))
                .optional();
    }

    /** One more failure, counted from 1 again when the last was before {@code forgetBefore}; returns the count. */
    public int fail(String key, Instant now, Instant forgetBefore) {
        for (int attempt = 0; ; attempt++) {
            int updated = jdbc.sql("""
                            update login_throttle
                            set failures = case when last_failure_at < :forget then 1 else failures + 1 end,
                                last_failure_at = :now
                            where throttle_key = :key
                            """)
                    .param("key", key)
                    .param("now", Timestamp.from(now))
                    .param("forget", Timestamp.from(forgetBefore))
                    .update();
            if (updated > 0) {
                return find(key).map(Entry::failures).orElse(1);
            }
            try {
                jdbc.sql("""
                                insert into login_throttle (throttle_key, failures, last_failure_at)
                                values (:key, 1, :now)
                                """)
                        .param("key", key)
                        .param("now", Timestamp.from(now))
                        .update();
                return 1;
            } catch (DuplicateKeyException anotherInstanceInsertedIt) {
                if (attempt > 2) {
                    throw anotherInstanceInsertedIt;
                }
            }
        }
    }

    public void block(String key, Instant until) {
        jdbc.sql("update login_throttle set blocked_until = :until where throttle_key = :key")
                .param("key", key)
                .param("until", Timestamp.from(until))
                .update();
    }

    public void forget(List<String> keys) {
        for (String key : keys) {
            jdbc.sql("delete from login_throttle where throttle_key = :key")
                    .param("key", key)
                    .update();
        }
    }

    /** Entries nobody has failed on since {@code before}: nothing to remember. */
    public int purge(Instant before) {
        return jdbc.sql("delete from login_throttle where last_failure_at < :before")
                .param("before", Timestamp.from(before))
                .update();
    }
}
