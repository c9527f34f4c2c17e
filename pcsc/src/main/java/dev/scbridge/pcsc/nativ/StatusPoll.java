package dev.scbridge.pcsc.nativ;

import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pending native SCardGetStatusChange, polled with timeout 0 on the shared timer (see {@link NativePcsc}) and
 * finished by a change, its deadline, or cancel / release of its context.
 */
final class StatusPoll {
    private final NativePcsc pcsc;
    private final NativeContext owner;
    private final List<ReaderState> states;
    private final long deadlineNanos;
    private final boolean infinite;
    private final int pnpBaseline;
    final CompletableFuture<List<ReaderState>> future = new CompletableFuture<>();
    private volatile ScheduledFuture<?> task;

    private StatusPoll(NativePcsc pcsc, NativeContext owner, List<ReaderState> states, long timeoutMillis,
                       int pnpBaseline) {
        this.pcsc = pcsc;
        this.owner = owner;
        this.states = states;
        this.infinite = timeoutMillis == Scard.INFINITE;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(infinite ? 0 : timeoutMillis);
        this.pnpBaseline = pnpBaseline;
    }

    static CompletableFuture<List<ReaderState>> start(NativePcsc pcsc, NativeContext owner, List<ReaderState> states,
                                                      long timeoutMillis) {
        try {
            boolean hasPnp = states.stream().anyMatch(s -> s.reader().equals(Scard.PNP_NOTIFICATION));
            StatusPoll poll = new StatusPoll(pcsc, owner, states, timeoutMillis, hasPnp ? readerCount(pcsc) : 0);
            List<ReaderState> now = poll.evaluate();
            if (now != null || states.isEmpty()) {
                return CompletableFuture.completedFuture(now != null ? now : List.of());
            }
            if (timeoutMillis == 0) {
                return CompletableFuture.failedFuture(new ScardException(ScardError.E_TIMEOUT));
            }
            if (pcsc.pending.incrementAndGet() > NativePcsc.MAX_PENDING_CALLS) {
                pcsc.pending.decrementAndGet();
                return CompletableFuture.failedFuture(new ScardException(ScardError.E_NO_MEMORY,
                        "more than " + NativePcsc.MAX_PENDING_CALLS + " pending calls"));
            }
            owner.polls.add(poll);
            poll.future.whenComplete((r, e) -> {
                ScheduledFuture<?> t = poll.task;
                if (t != null) {
                    t.cancel(false);
                }
                owner.polls.remove(poll);
                pcsc.pending.decrementAndGet();
            });
            poll.task = pcsc.timer.scheduleWithFixedDelay(poll::tick, NativePcsc.POLL_INTERVAL_MILLIS,
                    NativePcsc.POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            if (poll.future.isDone()) {
                poll.task.cancel(false); // cancelled between registration and scheduling
            }
            return poll.future;
        } catch (ScardException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void tick() {
        if (future.isDone()) {
            return;
        }
        try {
            List<ReaderState> r = evaluate();
            if (r != null) {
                future.complete(r);
            } else if (!infinite && System.nanoTime() - deadlineNanos >= 0) {
                future.completeExceptionally(new ScardException(ScardError.E_TIMEOUT));
            }
        } catch (ScardException e) {
            future.completeExceptionally(e);
        } catch (RuntimeException e) {
            future.completeExceptionally(new ScardException(ScardError.F_INTERNAL_ERROR, e.toString()));
        }
    }

    void finish(ScardException e) {
        future.completeExceptionally(e);
    }

    /**
     * The answer if an entry changed, else null. pcsc-lite fails the whole call with SCARD_E_UNKNOWN_READER for
     * one unknown name; Windows (and the model) flag that entry UNKNOWN|CHANGED|IGNORE instead, so unknown names
     * are then answered here and the rest asked again.
     */
    private List<ReaderState> evaluate() throws ScardException {
        ReaderState[] answered;
        try {
            answered = pcsc.monitor().pollNative(states, Set.of());
        } catch (ScardException e) {
            if (!e.is(ScardError.E_UNKNOWN_READER)) {
                throw e;
            }
            Set<String> known = new HashSet<>(readerNames(pcsc));
            Set<String> unknown = new HashSet<>();
            for (ReaderState s : states) {
                if (!known.contains(s.reader())) {
                    unknown.add(s.reader());
                }
            }
            answered = pcsc.monitor().pollNative(states, unknown);
        }
        List<ReaderState> out = new ArrayList<>(states.size());
        boolean changed = false;
        Integer count = null;
        for (int i = 0; i < states.size(); i++) {
            ReaderState s = answered[i];
            if (s == null) { // PnP: the reader count, Windows semantics (MS-RDPESC 2.2.7); else an unknown reader
                ReaderState in = states.get(i);
                if ((in.currentState() & Scard.STATE_IGNORE) != 0) {
                    s = in.withEvent(Scard.STATE_IGNORE, null);
                } else if (!in.reader().equals(Scard.PNP_NOTIFICATION)) {
                    int evt = Scard.STATE_UNKNOWN | Scard.STATE_IGNORE;
                    s = in.withEvent((in.currentState() & Scard.STATE_UNKNOWN) == 0 ? evt | Scard.STATE_CHANGED : evt, null);
                } else {
                    count = count == null ? readerCount(pcsc) : count;
                    int known = Scard.eventCount(in.currentState()) != 0 ? Scard.eventCount(in.currentState()) : pnpBaseline;
                    int evt = count << Scard.EVENT_COUNT_SHIFT;
                    s = in.withEvent(count != known ? evt | Scard.STATE_CHANGED : evt, null);
                }
            }
            changed |= s.changed();
            out.add(s);
        }
        return changed ? List.copyOf(out) : null;
    }

    private static int readerCount(NativePcsc pcsc) throws ScardException {
        return readerNames(pcsc).size();
    }

    private static List<String> readerNames(NativePcsc pcsc) throws ScardException {
        try {
            return pcsc.monitor().listReaders();
        } catch (ScardException e) {
            if (e.is(ScardError.E_NO_READERS_AVAILABLE)) {
                return List.of();
            }
            throw e;
        }
    }
}
