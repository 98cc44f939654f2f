package dev.tollgate.engine.testing;

import dev.tollgate.engine.Sleeper;
import dev.tollgate.testkit.time.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Waits between token endpoint attempts by moving the test's clock, and remembers each wait. */
public final class RecordingSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    /** The waits so far, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
