package dev.tollgate.demo.it.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a load run saw: every page, and how long the run took until its last answer. */
public record LoadResult(int clients, Duration elapsed, List<PageResult> pages) {

    public long requests() {
        return pages.size();
    }

    public long completed() {
        return pages.stream().filter(PageResult::completed).count();
    }

    public long calls() {
        return pages.stream().mapToLong(PageResult::calls).sum();
    }

    public long failedCalls() {
        return pages.stream().mapToLong(PageResult::failedCalls).sum();
    }

    /** Up to {@code max} distinct problems, for an assertion's message. */
    public List<String> problems(int max) {
        return pages.stream().map(PageResult::problem).filter(Objects::nonNull).distinct().limit(max).toList();
    }

    /** The latency below which {@code percent} of the pages came back, in milliseconds. */
    public double percentileMillis(double percent) {
        long[] sorted = pages.stream().mapToLong(PageResult::nanos).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length) - 1; // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    public double pagesPerSecond() {
        return requests() / (elapsed.toNanos() / 1e9);
    }

    /** Counts, throughput and latency, one line each. */
    public String summary() {
        return String.format("%d clients for %.1f s: %d pages asked, %d completed, %d vendor calls, %d failed%n"
                        + "throughput: %.1f pages/s, %.1f authenticated calls/s%n"
                        + "page latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                clients, elapsed.toNanos() / 1e9, requests(), completed(), calls(), failedCalls(),
                pagesPerSecond(), calls() / (elapsed.toNanos() / 1e9),
                percentileMillis(50), percentileMillis(99), percentileMillis(100));
    }
}
