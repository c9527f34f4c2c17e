package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.ReaderState;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A parked SCardGetStatusChange: re-evaluated on every reader or card event, finished by one of them,
 *  its timeout on the shared timer, or cancel. Guarded by {@link VirtualPcsc#lock}. */
final class PendingStatusChange {
    final List<ReaderState> states;
    final int pnpBaseline;
    final CompletableFuture<List<ReaderState>> future = new CompletableFuture<>();
    volatile ScheduledFuture<?> timeout;

    PendingStatusChange(List<ReaderState> states, int pnpBaseline) {
        this.states = states;
        this.pnpBaseline = pnpBaseline;
    }

    void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
