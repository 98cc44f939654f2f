package dev.tollgate.demo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heap scan finds a value in each spelling a JVM keeps it in, wherever it lies in the file. */
class HeapScanTest {

    private static final String SECRET = "Tg7-cluster-secret-value";

    @TempDir
    Path dir;

    @Test
    void findsAValueAsUtf8AndAsUtf16InBothByteOrders() throws IOException {
        for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE}) {
            Path file = dir.resolve(charset.name());
            Files.write(file, concat(noise(1000), SECRET.getBytes(charset), noise(1000)));
            assertEquals(Set.of("secret"), HeapScan.find(file, Map.of("secret", SECRET)), charset.name());
        }
    }

    @Test
    void findsAValueThatStraddlesTwoReadsAndOneAtTheVeryEnd() throws IOException {
        Path file = dir.resolve("large.hprof");
        byte[] straddling = "straddles-the-buffer-edge".getBytes(StandardCharsets.UTF_8);
        byte[] last = "the-last-bytes-of-the-file".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            // the scan reads 8 MiB (plus the longest value) at a time
            out.write(noise(8 * 1024 * 1024 - 10));
            out.write(straddling);
            out.write(noise(3 * 1024 * 1024));
            out.write(last);
        }
        assertEquals(Set.of("straddling", "last"), HeapScan.find(file,
                Map.of("straddling", new String(straddling, StandardCharsets.UTF_8), "last", new String(last, StandardCharsets.UTF_8),
                        "absent", "never-written-anywhere")));
    }

    @Test
    void findsNothingInAFileWithoutTheValue() throws IOException {
        Path file = dir.resolve("clean");
        Files.write(file, noise(100_000));
        assertEquals(Set.of(), HeapScan.find(file, Map.of("secret", SECRET)));
    }

    // bytes that spell none of the values: digits only
    private static byte[] noise(int length) {
        byte[] bytes = new byte[length];
        Random random = new Random(length);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('0' + random.nextInt(10));
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
