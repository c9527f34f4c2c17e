package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A context of {@link VirtualPcsc} (SCARDCONTEXT; MS-RDPESC 2.2.1.1 REDIR_SCARDCONTEXT). State guarded by the pcsc lock. */
final class VirtualContext implements PcscContext {
    private final VirtualPcsc pcsc;
    boolean released;
    final List<VirtualCardHandle> handles = new ArrayList<>();
    /**
     * Parked calls. Concurrent so that the shared timer and abandoning callers remove theirs without taking the
     * pcsc lock (which a long card operation may hold): the timer thread never waits on a card.
     */
    final java.util.Set<PendingStatusChange> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    VirtualContext(VirtualPcsc pcsc) {
        this.pcsc = pcsc;
    }

    VirtualPcsc pcsc() {
        return pcsc;
    }

    @Override
    public boolean isValid() {
        synchronized (pcsc.lock) {
            return !released;
        }
    }

    void checkValid() throws ScardException {
        if (released) {
            throw new ScardException(ScardError.E_INVALID_HANDLE, "context released");
        }
    }

    @Override
    public void release() throws ScardException {
        List<Runnable> completions = new ArrayList<>();
        synchronized (pcsc.lock) {
            checkValid();
            cancelPending(completions);
            for (VirtualCardHandle h : List.copyOf(handles)) {
                h.detach(Scard.LEAVE_CARD, completions);
            }
            released = true;
            pcsc.contexts.remove(this);
            pcsc.stateChanged(completions);
        }
        completions.forEach(Runnable::run);
    }

    @Override
    public List<String> listReaderGroups() throws ScardException {
        synchronized (pcsc.lock) {
            checkValid();
            return List.of(Scard.DEFAULT_READERS_GROUP);
        }
    }

    @Override
    public List<String> listReaders(List<String> groups) throws ScardException {
        synchronized (pcsc.lock) {
            checkValid();
            boolean all = groups.isEmpty() || groups.contains(Scard.ALL_READERS_GROUP)
                    || groups.contains(Scard.DEFAULT_READERS_GROUP);
            List<String> names = all ? pcsc.readerNames() : List.of();
            if (names.isEmpty()) {
                throw new ScardException(ScardError.E_NO_READERS_AVAILABLE);
            }
            return names;
        }
    }

    @Override
    public CompletableFuture<List<ReaderState>> getStatusChange(List<ReaderState> states, long timeoutMillis) {
        List<ReaderState> input = List.copyOf(states);
        if (input.size() > Scard.MAX_READER_STATES) {
            return failed(ScardError.E_INVALID_VALUE, input.size() + " reader states (max " + Scard.MAX_READER_STATES + ")");
        }
        if (timeoutMillis < 0 || timeoutMillis > Scard.INFINITE) {
            return failed(ScardError.E_INVALID_VALUE, "timeout " + timeoutMillis);
        }
        synchronized (pcsc.lock) {
            if (released) {
                return failed(ScardError.E_INVALID_HANDLE, "context released");
            }
            int baseline = pcsc.readerCount();
            StatusEvaluator.Result now = StatusEvaluator.evaluate(pcsc, input, baseline);
            if (now.changed() || input.isEmpty()) {
                return CompletableFuture.completedFuture(now.states());
            }
            if (timeoutMillis == 0) {
                return failed(ScardError.E_TIMEOUT, null);
            }
            if (pcsc.pendingCount() >= VirtualPcsc.MAX_PENDING_CALLS) {
                return failed(ScardError.E_NO_MEMORY, "more than " + VirtualPcsc.MAX_PENDING_CALLS + " pending calls");
            }
            PendingStatusChange call = new PendingStatusChange(input, baseline);
            pending.add(call);
            if (timeoutMillis != Scard.INFINITE) {
                call.timeout = pcsc.timer.schedule(() -> timeOut(call), timeoutMillis, TimeUnit.MILLISECONDS);
            }
            // a caller that abandons the future (cancel) frees its slot
            call.future.whenComplete((r, e) -> forget(call));
            return call.future;
        }
    }

    private void timeOut(PendingStatusChange call) {
        pending.remove(call);
        call.future.completeExceptionally(new ScardException(ScardError.E_TIMEOUT));
    }

    private void forget(PendingStatusChange call) {
        pending.remove(call);
        call.cancelTimeout();
    }

    @Override
    public void cancel() throws ScardException {
        List<Runnable> completions = new ArrayList<>();
        synchronized (pcsc.lock) {
            checkValid();
            cancelPending(completions);
        }
        completions.forEach(Runnable::run);
    }

    private void cancelPending(List<Runnable> completions) {
        for (PendingStatusChange call : pending) {
            call.cancelTimeout();
            completions.add(() -> call.future.completeExceptionally(new ScardException(ScardError.E_CANCELLED)));
        }
        pending.clear();
    }

    /** Finishes the parked calls that now see a change. Lock held. */
    void reevaluate(List<Runnable> completions) {
        for (Iterator<PendingStatusChange> it = pending.iterator(); it.hasNext(); ) {
            PendingStatusChange call = it.next();
            StatusEvaluator.Result r = StatusEvaluator.evaluate(pcsc, call.states, call.pnpBaseline);
            if (r.changed()) {
                it.remove();
                call.cancelTimeout();
                completions.add(() -> call.future.complete(r.states()));
            }
        }
    }

    @Override
    public CardHandle connect(String reader, int shareMode, int preferredProtocols) throws ScardException {
        List<Runnable> completions = new ArrayList<>();
        VirtualCardHandle handle;
        synchronized (pcsc.lock) {
            checkValid();
            handle = VirtualCardHandle.connect(this, reader, shareMode, preferredProtocols);
            pcsc.stateChanged(completions);
        }
        completions.forEach(Runnable::run);
        return handle;
    }

    private static <T> CompletableFuture<T> failed(ScardError error, String detail) {
        return CompletableFuture.failedFuture(new ScardException(error, detail));
    }

    @Override
    public String toString() {
        return "VirtualContext@" + Integer.toHexString(System.identityHashCode(this));
    }
}
