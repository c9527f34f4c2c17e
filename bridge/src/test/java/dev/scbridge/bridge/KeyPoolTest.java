package dev.scbridge.bridge;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 6, section 2: a bounded key pool refilled in the background; an empty pool is a metric, not a stall. */
class KeyPoolTest {
    /** P-256 keys take about a millisecond: these tests measure the pool, not RSA key generation. */
    private static KeyPool.Builder p256() {
        return KeyPool.builder().keyType(SessionKeyType.P256);
    }

    @Test
    void aFullPoolServesHitsAndRefills() throws Exception {
        try (KeyPool pool = p256().capacity(3).build()) {
            assertThat(pool.awaitLevel(3, Duration.ofSeconds(30))).isTrue();
            assertThat(pool.stats()).isEqualTo(new KeyPool.Stats(3, 3, 0, 0, 3));
            KeyPair a = pool.take();
            KeyPair b = pool.take();
            assertThat(a).isNotSameAs(b);
            assertThat(pool.stats().hits()).isEqualTo(2);
            assertThat(pool.stats().misses()).isZero();
            assertThat(pool.awaitLevel(3, Duration.ofSeconds(30))).isTrue();
            assertThat(pool.stats().generated()).isEqualTo(5);
        }
    }

    @Test
    void anEmptyPoolGeneratesOnTheCallersThreadAndCountsAMiss() {
        try (KeyPool pool = p256().capacity(0).build()) {
            KeyPair key = pool.take();
            assertThat(key.getPublic().getAlgorithm()).isEqualTo("EC");
            assertThat(pool.stats()).isEqualTo(new KeyPool.Stats(0, 0, 0, 1, 0));
        }
    }

    @Test
    void thePoolNeverExceedsItsCapacity() throws Exception {
        int capacity = 4;
        try (KeyPool pool = p256().capacity(capacity).build()) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            assertThat(pool.size()).isBetween(0, capacity);
                            pool.take();
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            KeyPool.Stats s = pool.stats();
            assertThat(s.hits() + s.misses()).isEqualTo(200);
            assertThat(pool.awaitLevel(capacity, Duration.ofSeconds(30))).isTrue();
            long generated = pool.stats().generated();
            // full: the refill thread stops, and what it made is what was taken plus what is pooled
            assertThat(generated).isEqualTo(s.hits() + capacity);
            assertThat(pool.size()).isEqualTo(capacity);
        }
    }

    @Test
    void theRefillRateIsCapped() throws Exception {
        try (KeyPool pool = p256().capacity(5).maxKeysPerSecond(20).build()) {
            long start = System.nanoTime();
            assertThat(pool.awaitLevel(5, Duration.ofSeconds(30))).isTrue();
            // five keys at 20 a second: four 50 ms intervals at least
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        }
    }

    @Test
    void closeDropsTheKeysAndStopsTheRefill() throws Exception {
        KeyPool pool = p256().capacity(2).build();
        assertThat(pool.awaitLevel(2, Duration.ofSeconds(30))).isTrue();
        pool.close();
        pool.close(); // idempotent
        assertThat(pool.size()).isZero();
        assertThat(pool.awaitLevel(1, Duration.ofSeconds(5))).isFalse();
        assertThatThrownBy(pool::take).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theRefillThreadIsADaemonNamedForThePool() throws Exception {
        try (KeyPool pool = p256().capacity(1).build()) {
            assertThat(pool.awaitLevel(1, Duration.ofSeconds(30))).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
                assertThat(t.getName()).isEqualTo(KeyPool.THREAD_NAME);
                assertThat(t.isDaemon()).isTrue();
            });
        }
    }

    @Test
    void badConfigurationIsRejected() {
        assertThatThrownBy(() -> KeyPool.builder().capacity(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPool.builder().capacity(KeyPool.MAX_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPool.builder().maxKeysPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreNearestRank() {
        LatencyWindow w = new LatencyWindow();
        assertThat(w.snapshot().count()).isZero();
        for (int i = 1; i <= 100; i++) {
            w.record(i);
        }
        LatencyWindow.Snapshot s = w.snapshot();
        assertThat(s.last()).isEqualTo(Duration.ofNanos(100));
        assertThat(s.p50()).isEqualTo(Duration.ofNanos(50));
        assertThat(s.p99()).isEqualTo(Duration.ofNanos(99));
        for (int i = 0; i < LatencyWindow.WINDOW; i++) {
            w.record(7);
        }
        assertThat(w.snapshot().p99()).isEqualTo(Duration.ofNanos(7)); // the old samples left the window
        assertThat(w.snapshot().count()).isEqualTo(100 + LatencyWindow.WINDOW);
    }
}
