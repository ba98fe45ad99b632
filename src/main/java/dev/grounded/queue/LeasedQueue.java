package dev.grounded.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A table used as a queue shared by every instance. A row waits (its {@code waiting} status) until its
 * {@code next_attempt_at}; a claim takes the first due row with {@code FOR UPDATE SKIP LOCKED}, so two instances never
 * take the same one, and marks it {@code working} under a lease ({@code locked_by} = the claim's token,
 * {@code locked_until}). A row whose lease ran out (its instance died) is due again. Every later write names the
 * claim's token: once a lease has passed to another claim, the old one can no longer finish, retry or release the row.
 *
 * <p>The table has the columns {@code id} (unique), {@code status}, {@code attempts}, {@code next_attempt_at},
 * {@code locked_by}, {@code locked_until} and an error column. A queue may keep one key's rows in order (one
 * customer's messages): a row is then not claimed while an earlier one of the same key waits or is being worked on.
 *
 * @param <S> the table's statuses
 * @param <T> what a claim returns, carrying its {@link Lease}
 */
public final class LeasedQueue<S extends Enum<S>, T> {

    /** Reads a claimed row; {@code lease} is the new claim, to be carried by the result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row, Lease lease) throws SQLException;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final Table<S> table;
    private final RowMapper<T> mapper;
    private final Function<T, Lease> leaseOf;
    private final String claimSql;
    private final String claimedSql;

    private LeasedQueue(
            JdbcClient jdbc, Table<S> table, String columns, RowMapper<T> mapper, Function<T, Lease> leaseOf) {
        this.jdbc = jdbc;
        this.table = table;
        this.mapper = mapper;
        this.leaseOf = leaseOf;
        // "status in" first: with it both databases range-scan the status index; on the OR alone H2 reads every
        // finished row, a cost that grows with the table.
        String inOrder = table.inOrderPer.isEmpty()
                ? ""
                : "and not exists (select 1 from %s p where %s and p.%s < q.%s and p.status in (%s))"
                        .formatted(
                                table.name,
                                table.inOrderPer.stream()
                                        .map(c -> "p." + c + " = q." + c)
                                        .collect(Collectors.joining(" and ")),
                                table.orderBy,
                                table.orderBy,
                                table.open());
        this.claimSql = """
                select %s, q.attempts as lease_attempts
                from %s q
                where q.status in (%s)
                  and ((q.status in (%s) and q.next_attempt_at <= :now)
                       or (q.status = '%s' and q.locked_until < :now))
                  %s
                order by q.%s
                fetch first 1 rows only
                for update skip locked
                """.formatted(
                        columns,
                        table.name,
                        table.open(),
                        quoted(table.allWaiting()),
                        table.working.name(),
                        inOrder,
                        table.orderBy);
        this.claimedSql = """
                update %s set status = '%s', attempts = :attempt, locked_by = :token, locked_until = :until%s%s
                where id = :id
                """.formatted(
                        table.name,
                        table.working.name(),
                        table.updatedAt == null ? "" : ", " + table.updatedAt + " = :now",
                        table.onClaim == null ? "" : ", " + table.onClaim);
    }

    /** A queue table whose rows wait in {@code waiting} and are worked on in {@code working}. */
    public static <S extends Enum<S>> Table<S> table(String name, S waiting, S working) {
        return new Table<>(name, waiting, working);
    }

    /**
     * Claims the first due row for {@code lease}, within the caller's transaction (the row lock must last until the
     * claim is written).
     */
    public Optional<T> claim(String worker, Instant now, Duration lease) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A claim of " + table.name + " needs a transaction");
        }
        String token = worker + "#" + UUID.randomUUID();
        Optional<T> next = jdbc.sql(claimSql)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> mapper.map(
                        rs, new Lease(rs.getObject("id", UUID.class), rs.getInt("lease_attempts") + 1, token)))
                .optional();
        next.map(leaseOf).ifPresent(claimed -> jdbc.sql(claimedSql)
                .param("attempt", claimed.attempt())
                .param("token", token)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("id", claimed.id())
                .update());
        return next;
    }

    /** The claim a claimed row carries. */
    public Lease leaseOf(T claimed) {
        return leaseOf.apply(claimed);
    }

    /** Extends the leases of these claims; run as a heartbeat while they are worked on. */
    public int renew(Collection<T> claimed, Instant now, Duration lease) {
        if (claimed.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update " + table.name + " set locked_until = :until where locked_by in (:tokens)" + held())
                .param("until", Timestamp.from(now.plus(lease)))
                .param(
                        "tokens",
                        claimed.stream().map(c -> leaseOf.apply(c).token()).toList())
                .update();
    }

    /** Whether this claim still holds its row (its lease did not run out and pass to another claim). */
    public boolean holds(T claimed) {
        Lease lease = leaseOf.apply(claimed);
        return jdbc.sql("select count(*) from " + table.name + " where id = :id and locked_by = :token" + held())
                        .param("id", lease.id())
                        .param("token", lease.token())
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Ends the claim with {@code status} (done, failed, dead…) and {@code error}, setting {@code columns} too.
     *
     * @return false when the claim had lost its row, in which case nothing changes
     */
    public boolean finish(T claimed, S status, String error, Instant now, Column... columns) {
        List<Column> set = new ArrayList<>(List.of(columns));
        set.add(Column.of("status", status.name()));
        set.add(Column.of(table.errorColumn, truncate(error)));
        set.add(Column.of("locked_by", null));
        set.add(Column.of("locked_until", null));
        stamp(set, table.updatedAt, now);
        stamp(set, table.finishedAt, now);
        return update(claimed, set);
    }

    /** Gives the row back to wait until {@code next}, with why this attempt failed; the attempt counts. */
    public boolean retry(T claimed, String error, Instant now, Instant next, Column... columns) {
        return park(claimed, table.waiting, error, now, next, columns);
    }

    /**
     * Gives the row back to wait in one of its waiting statuses (the waiting one, or one of {@link Table#alsoWaiting})
     * until {@code next}; the attempt counts.
     */
    public boolean park(T claimed, S status, String error, Instant now, Instant next, Column... columns) {
        if (!table.allWaiting().contains(status)) {
            throw new IllegalArgumentException(status + " is not a waiting status of " + table.name);
        }
        List<Column> set = new ArrayList<>(List.of(columns));
        set.add(Column.of("status", status.name()));
        set.add(Column.of(table.errorColumn, truncate(error)));
        set.add(Column.of("locked_by", null));
        set.add(Column.of("locked_until", null));
        set.add(Column.of("next_attempt_at", next));
        stamp(set, table.updatedAt, now);
        return update(claimed, set);
    }

    /** Gives the row back untried: the attempt does not count. */
    public boolean release(T claimed) {
        Lease lease = leaseOf.apply(claimed);
        return jdbc.sql("""
                                update %s set status = '%s', attempts = attempts - 1, locked_by = null,
                                    locked_until = null
                                where id = :id and locked_by = :token and status = '%s'
                                """.formatted(table.name, table.waiting.name(), table.working.name()))
                        .param("id", lease.id())
                        .param("token", lease.token())
                        .update()
                > 0;
    }

    /**
     * Writes {@code columns} of the claimed row without ending the claim (progress).
     *
     * @return false when the claim had lost its row
     */
    public boolean update(T claimed, Column... columns) {
        return update(claimed, List.of(columns));
    }

    private boolean update(T claimed, List<Column> columns) {
        Lease lease = leaseOf.apply(claimed);
        String assignments = columns.stream()
                .map(c -> identifier(c.name()) + " = :" + c.name())
                .collect(Collectors.joining(", "));
        JdbcClient.StatementSpec statement = jdbc.sql("update " + table.name + " set " + assignments
                        + " where id = :id and locked_by = :token" + held())
                .param("id", lease.id())
                .param("token", lease.token());
        for (Column column : columns) {
            statement = statement.param(column.name(), column.value());
        }
        return statement.update() > 0;
    }

    /**
     * Deletes up to {@code batch} rows in one of {@code finished} whose {@code timeColumn} is before {@code cutoff},
     * oldest first; rows still waiting or worked on stay whatever their age. Instances purging at once each delete
     * the rows they locked first.
     *
     * @return how many it deleted
     */
    public int purge(Set<S> finished, String timeColumn, Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from %s where id in (
                            select id from %s
                            where status in (%s) and %s < :cutoff
                            order by %s fetch first :batch rows only)
                        """.formatted(table.name, table.name, quoted(finished), identifier(timeColumn), table.orderBy))
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    /** A claim holds its row only while the row is worked on: a run cancelled meanwhile is no longer its claim's. */
    private String held() {
        return " and status = '" + table.working.name() + "'";
    }

    private static void stamp(List<Column> set, String column, Instant now) {
        if (column != null) {
            set.add(Column.of(column, now));
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static String quoted(Collection<? extends Enum<?>> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").sorted().collect(Collectors.joining(", "));
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a column name: " + name);
        }
        return name;
    }

    /** How a queue table is laid out; built once per repository. */
    public static final class Table<S extends Enum<S>> {
        private final String name;
        private final S waiting;
        private final S working;
        private List<S> alsoWaiting = List.of();
        private String orderBy = "created_at";
        private List<String> inOrderPer = List.of();
        private String updatedAt;
        private String finishedAt;
        private String errorColumn = "last_error";
        private String onClaim;

        private Table(String name, S waiting, S working) {
            this.name = identifier(name);
            this.waiting = waiting;
            this.working = working;
        }

        /** The column that orders the queue, first come first served ({@code created_at} unless set). */
        public Table<S> orderBy(String column) {
            this.orderBy = identifier(column);
            return this;
        }

        /**
         * Other statuses in which a row waits to be claimed when due, as in the waiting one (a message whose sending
         * is in doubt, to be checked): a claim reads the row's status to tell them apart.
         */
        @SafeVarargs
        public final Table<S> alsoWaiting(S... statuses) {
            this.alsoWaiting = List.of(statuses);
            return this;
        }

        private List<S> allWaiting() {
            List<S> all = new ArrayList<>(List.of(waiting));
            all.addAll(alsoWaiting);
            return all;
        }

        /** Rows with the same values in these columns are claimed one at a time, in order. */
        public Table<S> oneAtATimePer(String... columns) {
            this.inOrderPer =
                    List.of(columns).stream().map(LeasedQueue::identifier).toList();
            return this;
        }

        /** A column set to the time of every claim, retry and finish. */
        public Table<S> updatedAt(String column) {
            this.updatedAt = identifier(column);
            return this;
        }

        /** A column set to the time a claim finishes the row. */
        public Table<S> finishedAt(String column) {
            this.finishedAt = identifier(column);
            return this;
        }

        /** The column that holds why the last attempt failed ({@code last_error} unless set). */
        public Table<S> errorColumn(String column) {
            this.errorColumn = identifier(column);
            return this;
        }

        /** An assignment every claim makes besides the lease, such as resetting progress. */
        public Table<S> onClaim(String assignment) {
            this.onClaim = assignment;
            return this;
        }

        /**
         * The queue over this table: a claim selects {@code columns} (the row's {@code id} among them) and reads them
         * with {@code mapper}; {@code lease} finds the claim in what the mapper made.
         */
        public <T> LeasedQueue<S, T> rows(
                JdbcClient jdbc, String columns, RowMapper<T> mapper, Function<T, Lease> lease) {
            return new LeasedQueue<>(jdbc, this, columns, mapper, lease);
        }

        private String open() {
            List<S> open = allWaiting();
            open.add(working);
            return quoted(open);
        }
    }
}
