package dev.grounded.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How far a message sent to a customer got, in order: a status only ever moves on (a late "delivered" does not undo
 * "read"), and "failed" is last. Stored as its code in the {@code delivery} columns.
 */
public enum Delivery {
    QUEUED,
    /** The provider did not answer the send: it is being checked before the message is sent again. */
    UNKNOWN,
    SENT,
    DELIVERED,
    READ,
    FAILED;

    /**
     * SQL for the rank of the status a row's {@code delivery} column holds (0 for none known), to compare with
     * {@link #rank()} in an update that must not move a status back.
     */
    public static final String RANK_OF_COLUMN = Arrays.stream(values())
            .map(d -> "when '" + d.code() + "' then " + d.rank())
            .collect(Collectors.joining(" ", "case delivery ", " else 0 end"));

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int rank() {
        return ordinal();
    }

    /** The status a provider reported, when it is one of these. */
    public static Optional<Delivery> of(String code) {
        return Arrays.stream(values()).filter(d -> d.code().equals(code)).findFirst();
    }
}
