package dev.scbridge.bridge;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded pool of pregenerated session key pairs, so issuing a session's credentials costs one CA signature
 * rather than an RSA key generation (issue 6, section 2; design.md, performance targets: "precomputed keys,
 * bounded pool, refilled in the background").
 *
 * <p>Semantics:
 * <ul>
 *   <li>{@link #take()} never waits: it returns a pooled key if there is one (a <em>hit</em>), else generates one
 *       on the caller's thread (a <em>miss</em>). An empty pool is a metric ({@link Stats#misses()}), not a stall
 *       and not an error.</li>
 *   <li>One refill thread (a daemon, {@value #THREAD_NAME}) generates keys until the pool holds
 *       {@link #capacity()}, then idles; every {@link #take()} wakes it. With {@link Builder#maxKeysPerSecond} it
 *       waits between keys by rescheduling itself, never by holding a thread per key. The pool never holds more
 *       than its capacity (a bounded queue with a single producer).</li>
 *   <li>{@link #close()} stops the refill thread and drops every pooled key. Java cannot reliably wipe an RSA
 *       or EC private key: {@code BigInteger} is immutable and {@code destroy()} is not implemented by the JDK's
 *       key classes, so "wiping" here means dropping the last references and leaving the memory to the garbage
 *       collector. The same holds for a key once it sits on a session card ({@code PivCard.wipe()} drops it).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class KeyPool implements AutoCloseable {
    /** The refill thread's name. */
    public static final String THREAD_NAME = "scbridge-keypool-refill";
    /** Our limit: 4096 RSA-2048 key pairs are a few MB of heap and minutes of one core's work to refill. */
    public static final int MAX_CAPACITY = 4096;
    /** The default pool: enough for a burst of logons while one core refills at RSA-2048's 5-20 keys a second. */
    public static final int DEFAULT_CAPACITY = 16;

    private final SessionKeyType type;
    private final int capacity;
    private final long intervalNanos;
    private final SecureRandom random;
    private final BlockingQueue<KeyPair> keys;
    private final ScheduledThreadPoolExecutor refiller;
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong generated = new AtomicLong();
    private final Object levelChanged = new Object();
    private volatile boolean closed;

    private KeyPool(Builder b) {
        this.type = b.type;
        this.capacity = b.capacity;
        this.intervalNanos = b.maxKeysPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / b.maxKeysPerSecond;
        this.random = b.random != null ? b.random : new SecureRandom();
        this.keys = new ArrayBlockingQueue<>(Math.max(1, capacity)); // capacity 0: never filled
        this.refiller = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        refiller.setRemoveOnCancelPolicy(true);
        scheduleRefill(0);
    }

    /** A pool of {@value #DEFAULT_CAPACITY} RSA-2048 keys, refilled as fast as one thread generates them. */
    public static KeyPool create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A key pair for one session: pooled if available, else generated now on the caller's thread (counted as a
     * miss). Either way the refill thread is woken to top the pool up.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public KeyPair take() {
        if (closed) {
            throw new IllegalStateException("the key pool is closed");
        }
        KeyPair key = keys.poll();
        if (key != null) {
            hits.incrementAndGet();
        } else {
            misses.incrementAndGet();
            key = type.generate(random);
        }
        scheduleRefill(0);
        return key;
    }

    public SessionKeyType keyType() {
        return type;
    }

    public int capacity() {
        return capacity;
    }

    /** Keys ready now. */
    public int size() {
        return keys.size();
    }

    /** A consistent-enough snapshot of the counters (each read atomically, not all at one instant). */
    public Stats stats() {
        return new Stats(keys.size(), capacity, hits.get(), misses.get(), generated.get());
    }

    /**
     * Waits until the pool holds at least {@code level} keys (a warm-up before taking traffic, and tests).
     *
     * @return whether the level was reached before the timeout or {@link #close()}
     */
    public boolean awaitLevel(int level, Duration timeout) throws InterruptedException {
        if (level < 0 || level > capacity) {
            throw new IllegalArgumentException("level " + level + " out of range 0.." + capacity);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (levelChanged) {
            while (keys.size() < level && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(levelChanged, left);
            }
            return keys.size() >= level;
        }
    }

    /** Stops the refill thread and drops every pooled key (see the class comment on wiping). Idempotent. */
    @Override
    public void close() {
        closed = true;
        refiller.shutdownNow();
        keys.clear();
        synchronized (levelChanged) {
            levelChanged.notifyAll();
        }
    }

    private void scheduleRefill(long delayNanos) {
        if (!closed && keys.size() < capacity && refillScheduled.compareAndSet(false, true)) {
            try {
                refiller.schedule(this::refillOne, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                refillScheduled.set(false); // closed meanwhile
            }
        }
    }

    /** On the refill thread: one key, then again (after the rate limit's interval) until the pool is full. */
    private void refillOne() {
        if (!closed && keys.size() < capacity) {
            KeyPair key = type.generate(random);
            if (keys.offer(key)) {
                generated.incrementAndGet();
            }
            if (closed) {
                keys.clear(); // close() ran while we generated; its clear may have come before our offer
            }
            synchronized (levelChanged) {
                levelChanged.notifyAll();
            }
        }
        refillScheduled.set(false);
        // a take() that ran while the flag was still set left the refill to us
        scheduleRefill(intervalNanos);
    }

    @Override
    public String toString() {
        return "KeyPool[" + type.title() + ", " + keys.size() + "/" + capacity + "]";
    }

    /**
     * Pool counters.
     *
     * @param size      keys ready now (the pool level)
     * @param capacity  the most the pool holds
     * @param hits      takes served from the pool
     * @param misses    takes that found the pool empty and generated on the caller's thread
     * @param generated keys the refill thread made
     */
    public record Stats(int size, int capacity, long hits, long misses, long generated) {
    }

    /** Configures a {@link KeyPool}. */
    public static final class Builder {
        private SessionKeyType type = SessionKeyType.RSA_2048;
        private int capacity = DEFAULT_CAPACITY;
        private int maxKeysPerSecond;
        private SecureRandom random;

        private Builder() {
        }

        /** The type of every key in the pool. Default RSA-2048, what Windows' recorded logon used. */
        public Builder keyType(SessionKeyType newType) {
            this.type = Objects.requireNonNull(newType, "keyType");
            return this;
        }

        /** The most keys the pool holds, 0..{@value #MAX_CAPACITY}; 0 disables pooling (every take is a miss). */
        public Builder capacity(int newCapacity) {
            if (newCapacity < 0 || newCapacity > MAX_CAPACITY) {
                throw new IllegalArgumentException("pool capacity " + newCapacity + " out of range 0.."
                        + MAX_CAPACITY);
            }
            this.capacity = newCapacity;
            return this;
        }

        /** Caps the refill rate (keys per second, at least 1); default 0: as fast as the one refill thread goes. */
        public Builder maxKeysPerSecond(int rate) {
            if (rate < 0) {
                throw new IllegalArgumentException("refill rate " + rate + " is negative");
            }
            this.maxKeysPerSecond = rate;
            return this;
        }

        public Builder random(SecureRandom newRandom) {
            this.random = Objects.requireNonNull(newRandom, "random");
            return this;
        }

        /** Builds the pool and starts filling it. */
        public KeyPool build() {
            return new KeyPool(this);
        }
    }
}
