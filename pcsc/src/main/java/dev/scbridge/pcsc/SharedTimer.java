package dev.scbridge.pcsc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread per JVM that finishes timed-out status-change calls and drives the polling backends
 * (design.md Threading: no thread per context or per pending call). Tasks must be short and never block.
 */
public final class SharedTimer {
    private SharedTimer() {
    }

    private static final class Holder {
        static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = Executors.defaultThreadFactory().newThread(r);
                t.setName("scbridge-pcsc-timer");
                t.setDaemon(true);
                return t;
            });
            // cancelled timeouts (the common case: an event came first) must not pile up in the queue
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /** The shared scheduler. */
    public static ScheduledExecutorService get() {
        return Holder.TIMER;
    }
}
