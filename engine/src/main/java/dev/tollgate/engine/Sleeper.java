package dev.tollgate.engine;

import java.time.Duration;

/** How the engine waits between token endpoint retries; tests pass one that moves their clock. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
