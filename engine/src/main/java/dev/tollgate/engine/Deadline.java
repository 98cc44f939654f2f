package dev.tollgate.engine;

import java.time.Duration;

/** A point in {@link System#nanoTime()} time that a piece of work must end by. */
final class Deadline {

    private final long at;

    private Deadline(long at) {
        this.at = at;
    }

    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos());
    }

    /** The time left, zero once passed. */
    Duration left() {
        return Duration.ofNanos(Math.max(0, at - System.nanoTime()));
    }
}
