package dev.scbridge.pcsc.smartcardio;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A context of {@link SmartcardioPcsc}: javax.smartcardio has none, so this only tracks validity and polls. */
final class SmartcardioContext implements PcscContext {
    private final SmartcardioPcsc pcsc;
    private final ScheduledExecutorService timer;
    private volatile boolean released;
    private final Set<CompletableFuture<List<ReaderState>>> polls = ConcurrentHashMap.newKeySet();

    SmartcardioContext(SmartcardioPcsc pcsc, ScheduledExecutorService timer) {
        this.pcsc = pcsc;
        this.timer = timer;
    }

    @Override
    public boolean isValid() {
        return !released;
    }

    @Override
    public void release() throws ScardException {
        checkValid();
        released = true;
        polls.forEach(f -> f.completeExceptionally(new ScardException(ScardError.E_CANCELLED)));
    }

    private void checkValid() throws ScardException {
        if (released) {
            throw new ScardException(ScardError.E_INVALID_HANDLE, "context released");
        }
    }

    @Override
    public List<String> listReaderGroups() throws ScardException {
        checkValid();
        return List.of(Scard.DEFAULT_READERS_GROUP);
    }

    @Override
    public List<String> listReaders(List<String> groups) throws ScardException {
        checkValid();
        List<String> names = new ArrayList<>();
        for (CardTerminal t : terminals()) {
            names.add(t.getName());
        }
        if (names.isEmpty()) {
            throw new ScardException(ScardError.E_NO_READERS_AVAILABLE);
        }
        return names;
    }

    private List<CardTerminal> terminals() throws ScardException {
        try {
            return pcsc.factory.terminals().list();
        } catch (CardException e) {
            ScardException se = SmartcardioErrors.translate(e);
            if (se.is(ScardError.E_NO_READERS_AVAILABLE)) {
                return List.of();
            }
            throw se;
        }
    }

    @Override
    public CompletableFuture<List<ReaderState>> getStatusChange(List<ReaderState> states, long timeoutMillis) {
        List<ReaderState> input = List.copyOf(states);
        try {
            checkValid();
            if (input.size() > Scard.MAX_READER_STATES || timeoutMillis < 0 || timeoutMillis > Scard.INFINITE) {
                throw new ScardException(ScardError.E_INVALID_VALUE, input.size() + " states, timeout " + timeoutMillis);
            }
            int baseline = terminals().size();
            List<ReaderState> now = evaluate(input, baseline);
            if (now != null || input.isEmpty()) {
                return CompletableFuture.completedFuture(now != null ? now : List.of());
            }
            if (timeoutMillis == 0) {
                throw new ScardException(ScardError.E_TIMEOUT);
            }
            if (pcsc.pending.incrementAndGet() > SmartcardioPcsc.MAX_PENDING_CALLS) {
                pcsc.pending.decrementAndGet();
                throw new ScardException(ScardError.E_NO_MEMORY, "too many pending calls");
            }
            CompletableFuture<List<ReaderState>> future = new CompletableFuture<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            boolean infinite = timeoutMillis == Scard.INFINITE;
            ScheduledFuture<?> task = timer.scheduleWithFixedDelay(() -> {
                if (future.isDone()) {
                    return;
                }
                try {
                    List<ReaderState> r = evaluate(input, baseline);
                    if (r != null) {
                        future.complete(r);
                    } else if (!infinite && System.nanoTime() - deadline >= 0) {
                        future.completeExceptionally(new ScardException(ScardError.E_TIMEOUT));
                    }
                } catch (ScardException e) {
                    future.completeExceptionally(e);
                } catch (RuntimeException e) {
                    future.completeExceptionally(SmartcardioErrors.translate(e));
                }
            }, SmartcardioPcsc.POLL_INTERVAL_MILLIS, SmartcardioPcsc.POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            polls.add(future);
            future.whenComplete((r, e) -> {
                task.cancel(false);
                polls.remove(future);
                pcsc.pending.decrementAndGet();
            });
            return future;
        } catch (ScardException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One observation of every entry; the answer if one changed, else null. */
    private List<ReaderState> evaluate(List<ReaderState> states, int pnpBaseline) throws ScardException {
        List<CardTerminal> terminals = terminals();
        List<ReaderState> out = new ArrayList<>();
        boolean changed = false;
        for (ReaderState s : states) {
            int cur = s.currentState();
            int evt;
            if ((cur & Scard.STATE_IGNORE) != 0) {
                evt = Scard.STATE_IGNORE;
            } else if (s.reader().equals(Scard.PNP_NOTIFICATION)) {
                int known = Scard.eventCount(cur) != 0 ? Scard.eventCount(cur) : pnpBaseline;
                evt = terminals.size() << Scard.EVENT_COUNT_SHIFT;
                if (terminals.size() != known) {
                    evt |= Scard.STATE_CHANGED;
                }
            } else {
                CardTerminal t = terminals.stream().filter(x -> x.getName().equals(s.reader())).findFirst().orElse(null);
                if (t == null) {
                    evt = Scard.STATE_UNKNOWN | Scard.STATE_IGNORE | ((cur & Scard.STATE_UNKNOWN) == 0 ? Scard.STATE_CHANGED : 0);
                } else {
                    boolean present;
                    try {
                        present = t.isCardPresent();
                    } catch (CardException e) {
                        throw SmartcardioErrors.translate(e);
                    }
                    int count = pcsc.tracker.observe(s.reader(), present);
                    int flags = present ? Scard.STATE_PRESENT : Scard.STATE_EMPTY;
                    int seen = Scard.STATE_PRESENT | Scard.STATE_EMPTY;
                    evt = flags | count << Scard.EVENT_COUNT_SHIFT;
                    if (cur == Scard.STATE_UNAWARE || (cur & seen) != flags
                            || (Scard.eventCount(cur) != 0 && Scard.eventCount(cur) != count)) {
                        evt |= Scard.STATE_CHANGED;
                    }
                }
            }
            changed |= (evt & Scard.STATE_CHANGED) != 0;
            out.add(s.withEvent(evt, null));
        }
        return changed ? List.copyOf(out) : null;
    }

    @Override
    public void cancel() throws ScardException {
        checkValid();
        polls.forEach(f -> f.completeExceptionally(new ScardException(ScardError.E_CANCELLED)));
    }

    @Override
    public CardHandle connect(String reader, int shareMode, int preferredProtocols) throws ScardException {
        checkValid();
        CardTerminal terminal = terminals().stream().filter(t -> t.getName().equals(reader)).findFirst()
                .orElseThrow(() -> new ScardException(ScardError.E_UNKNOWN_READER, reader));
        String protocol = SmartcardioCardHandle.protocolName(shareMode, preferredProtocols);
        try {
            Card card = terminal.connect(protocol);
            return new SmartcardioCardHandle(terminal, card, shareMode, preferredProtocols);
        } catch (CardException | RuntimeException e) {
            throw SmartcardioErrors.translate(e);
        }
    }
}
