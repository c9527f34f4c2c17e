package dev.scbridge.bridge;

import java.time.Duration;
import java.util.Arrays;

/**
 * The last {@value #WINDOW} durations of something (the bridge's credential issuance), with last / p50 / p99 over
 * them (issue 6, section 3: "metrics (... issuance latency)"). A fixed ring, so memory stays bounded however long
 * the bridge runs. Thread-safe.
 */
final class LatencyWindow {
    /** Enough samples for a meaningful p99 (ten beyond it), small enough to sort on every snapshot. */
    static final int WINDOW = 1024;

    private final long[] nanos = new long[WINDOW];
    private long count;

    synchronized void record(long elapsedNanos) {
        nanos[(int) (count % WINDOW)] = elapsedNanos;
        count++;
    }

    synchronized Snapshot snapshot() {
        int n = (int) Math.min(count, WINDOW);
        if (n == 0) {
            return new Snapshot(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        long last = nanos[(int) ((count - 1) % WINDOW)];
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new Snapshot(count, Duration.ofNanos(last), Duration.ofNanos(percentile(sorted, 50)),
                Duration.ofNanos(percentile(sorted, 99)));
    }

    /** Nearest-rank percentile of a sorted, non-empty array. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * Latency over the window.
     *
     * @param count how many were recorded in all (the percentiles cover the last {@value #WINDOW} of them)
     */
    record Snapshot(long count, Duration last, Duration p50, Duration p99) {
    }
}
