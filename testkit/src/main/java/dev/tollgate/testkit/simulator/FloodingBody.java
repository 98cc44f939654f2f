package dev.tollgate.testkit.simulator;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of a broken or hostile server's answer: {@code size} bytes, written as fast as the
 * client takes them, counting what got sent. A client that reads only what it needs stops taking
 * them early, and the server then stops with a broken pipe.
 */
public final class FloodingBody implements StreamingOutput {

    private final long size;
    private final AtomicLong sent = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);

    public FloodingBody(long size) {
        this.size = size;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        try {
            while (sent.get() < size) {
                out.write(chunk);
                out.flush();
                sent.addAndGet(chunk.length);
            }
        } finally {
            done.countDown();
        }
    }

    public long size() {
        return size;
    }

    /** Bytes the client has taken so far. */
    public long sent() {
        return sent.get();
    }

    /** True once the server has stopped sending (all of it, or the client went away). */
    public boolean awaitDone(Duration atMost) throws InterruptedException {
        return done.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }
}
