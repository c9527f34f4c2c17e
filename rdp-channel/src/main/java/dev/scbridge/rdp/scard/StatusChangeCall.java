package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SCardGetStatusChange of a {@link ScardService} (MS-RDPESC 3.1.4, SCARD_IOCTL_GETSTATUSCHANGEA/W). Answers at
 * once when an entry differs from the caller's current state; otherwise it parks: a backend status-change future
 * (no thread) wakes it on any backend event, after which it reads the backend again and either answers or parks
 * again. Its own timer on the shared scheduler answers {@code SCARD_E_TIMEOUT} with the last states; Cancel,
 * ReleaseContext and close answer {@code SCARD_E_CANCELLED}.
 */
final class StatusChangeCall {
    private static final Logger LOG = LoggerFactory.getLogger(StatusChangeCall.class);
    /**
     * Backend waits that end at once without a visible change, in a row, before the call stops re-arming (and waits
     * for its timeout or Cancel only): a backend whose comparison disagrees with ours must not spin.
     */
    static final int MAX_IMMEDIATE_WAKES = 16;

    final CompletableFuture<StatusChangeResult> result = new CompletableFuture<>();
    /** What the caller gets: completes after the bookkeeping, so a finished call no longer counts as pending. */
    private final CompletableFuture<StatusChangeResult> answer = result.whenComplete((r, e) -> cleanUp());
    private final ScardService service;
    private final SessionContext context;
    private final StatusQuery query;
    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    private final int epoch;
    private int[] baseline;
    private volatile List<ReaderState> last;
    private volatile CompletableFuture<List<ReaderState>> wait;
    private volatile ScheduledFuture<?> timeout;
    private volatile boolean parked;
    private int immediateWakes;

    StatusChangeCall(ScardService service, SessionContext context, StatusQuery query, long timeoutMillis,
                     ScheduledExecutorService timer) {
        this.service = service;
        this.context = context;
        this.query = query;
        this.timeoutMillis = timeoutMillis;
        this.timer = timer;
        this.epoch = context.cancelEpoch.get();
    }

    CompletableFuture<StatusChangeResult> start() {
        query.snapshot(context.backend).whenComplete((snap, error) -> {
            if (error != null) {
                fail(error);
                return;
            }
            baseline = query.counts(snap);
            StatusQuery.Evaluation now = query.evaluate(snap, baseline);
            last = now.states();
            if (now.changed() || query.input.isEmpty()) {
                result.complete(StatusChangeResult.success(now.states()));
            } else if (timeoutMillis == 0) {
                result.complete(StatusChangeResult.timeout(now.states()));
            } else {
                park(snap);
            }
        });
        return answer;
    }

    private void park(StatusQuery.Snapshot snap) {
        try {
            service.registerPending(context, this);
        } catch (ScardException e) {
            result.completeExceptionally(e);
            return;
        }
        parked = true;
        if (result.isDone()) {
            cleanUp(); // finished between the first snapshot and registration
            return;
        }
        if (context.cancelEpoch.get() != epoch) {
            cancel(); // a Cancel arrived while the first snapshot was read
            return;
        }
        if (timeoutMillis != Scard.INFINITE) {
            timeout = timer.schedule(() -> result.complete(StatusChangeResult.timeout(last)), timeoutMillis,
                    TimeUnit.MILLISECONDS);
            if (result.isDone()) {
                timeout.cancel(false);
            }
        }
        arm(snap);
    }

    private void arm(StatusQuery.Snapshot snap) {
        List<ReaderState> q = query.wakeQuery(snap);
        if (q.isEmpty() || result.isDone()) {
            return; // only the timeout or Cancel can end it (e.g. PnP alone, as Windows sends it)
        }
        CompletableFuture<List<ReaderState>> w = context.backend.getStatusChange(q, Scard.INFINITE);
        boolean immediate = w.isDone();
        wait = w;
        if (result.isDone()) {
            w.cancel(false);
            return;
        }
        w.whenComplete((r, e) -> woken(e, immediate));
    }

    private void woken(Throwable error, boolean immediate) {
        if (result.isDone()) {
            return;
        }
        if (error != null) {
            fail(error);
            return;
        }
        query.snapshot(context.backend).whenComplete((snap, e) -> {
            if (e != null) {
                fail(e);
                return;
            }
            StatusQuery.Evaluation now = query.evaluate(snap, baseline);
            last = now.states();
            if (now.changed()) {
                result.complete(StatusChangeResult.success(now.states()));
                return;
            }
            immediateWakes = immediate ? immediateWakes + 1 : 0;
            if (immediateWakes >= MAX_IMMEDIATE_WAKES) {
                LOG.warn("backend keeps reporting changes the session does not see; waiting for timeout or cancel");
                return;
            }
            arm(snap);
        });
    }

    /** Finishes the call with SCARD_E_CANCELLED (Cancel, ReleaseContext, close). */
    void cancel() {
        result.completeExceptionally(new ScardException(ScardError.E_CANCELLED));
    }

    private void fail(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        result.completeExceptionally(cause instanceof ScardException ? cause
                : new ScardException(ScardError.F_INTERNAL_ERROR, String.valueOf(cause)));
    }

    private void cleanUp() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        CompletableFuture<List<ReaderState>> w = wait;
        if (w != null) {
            w.cancel(false);
        }
        if (parked) {
            service.unregisterPending(context, this);
        }
    }
}
