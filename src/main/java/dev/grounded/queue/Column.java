package dev.grounded.queue;

import java.sql.Timestamp;
import java.time.Instant;

/** A column a write sets besides the queue's own ones, such as a sent message's provider id. */
public record Column(String name, Object value) {

    public static Column of(String name, Object value) {
        return new Column(name, value instanceof Instant instant ? Timestamp.from(instant) : value);
    }
}
