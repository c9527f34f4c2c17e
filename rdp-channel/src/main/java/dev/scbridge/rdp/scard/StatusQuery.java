package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The caller's reader states of one GetStatusChange / LocateCards call, compared with the backend the way Windows
 * presents it (MS-RDPESC 2.2.7; facts/rdp.md sec. 4). Entries fall in four kinds:
 * <ul>
 *   <li>{@link Scard#STATE_IGNORE} in the current state: returned as given, never a change (pcsc-lite skips them).</li>
 *   <li>{@link Scard#PNP_NOTIFICATION}: Windows sends current state 0; the answer echoes it (event state = current
 *       state, no change), as the emulator of the recorded logon did (trace 023, 024: the INFINITE call stayed
 *       pending). With a reader count in the current state's high word the answer is the number of exposed readers
 *       in the high word, CHANGED when it differs (MS-RDPESC 2.2.7).</li>
 *   <li>A name the session does not expose (after resolving introduced names): UNKNOWN|IGNORE, plus CHANGED unless the
 *       caller already said UNKNOWN (what Teleport answered; pcsc-lite does the same).</li>
 *   <li>An exposed reader: the backend's state, compared on the state bits (and on the event count when the caller
 *       sent one, or when it moved during the call: a card swapped while the call was parked is a change).</li>
 * </ul>
 * Presentation: the event count in the high word only with {@link ScardOptions#reportEventCounts()}; INUSE and
 * EXCLUSIVE only with {@link ScardOptions#reportUsage()}. With the defaults the first call of the recorded trace
 * answers PnP {@code cur 0 evt 0} and "Teleport" {@code cur 0x10 evt 0x22} with the ATR, byte for byte.
 */
final class StatusQuery {
    enum Kind { IGNORED, PNP, HIDDEN, EXPOSED }

    /** Backend states read with current state UNAWARE, in entry order (null where not asked), and reader counts. */
    record Snapshot(List<ReaderState> backend, int exposedReaders, int backendReaders) {
    }

    /** The presented answer and whether any entry changed. */
    record Evaluation(List<ReaderState> states, boolean changed) {
    }

    private static final int USAGE_BITS = Scard.STATE_INUSE | Scard.STATE_EXCLUSIVE;
    /** The reader-state bits whose difference is a change (CHANGED, IGNORE, ATRMATCH describe the answer). */
    private static final int COMPARED_BITS = Scard.STATE_UNKNOWN | Scard.STATE_UNAVAILABLE | Scard.STATE_EMPTY
            | Scard.STATE_PRESENT | Scard.STATE_EXCLUSIVE | Scard.STATE_INUSE | Scard.STATE_MUTE
            | Scard.STATE_UNPOWERED;

    final List<ReaderState> input;
    private final Kind[] kinds;
    private final String[] devices;
    private final ScardOptions options;
    private final ReaderFilter filter;
    private final boolean countsPnp;

    StatusQuery(List<ReaderState> input, UnaryOperator<String> resolve, ReaderFilter filter, ScardOptions options) {
        this.input = List.copyOf(input);
        this.options = options;
        this.filter = filter;
        this.kinds = new Kind[this.input.size()];
        this.devices = new String[this.input.size()];
        boolean pnpCount = false;
        for (int i = 0; i < kinds.length; i++) {
            ReaderState s = this.input.get(i);
            if ((s.currentState() & Scard.STATE_IGNORE) != 0) {
                kinds[i] = Kind.IGNORED;
            } else if (s.reader().equals(Scard.PNP_NOTIFICATION)) {
                kinds[i] = Kind.PNP;
                pnpCount |= Scard.eventCount(s.currentState()) != 0;
            } else {
                String device = resolve.apply(s.reader());
                kinds[i] = filter.test(device) ? Kind.EXPOSED : Kind.HIDDEN;
                devices[i] = device;
            }
        }
        this.countsPnp = pnpCount;
    }

    /** Reads the backend's current state of every exposed entry (a poll with current state UNAWARE). */
    CompletableFuture<Snapshot> snapshot(PcscContext backend) {
        int exposed = 0;
        int all = 0;
        if (countsPnp) {
            try {
                List<String> names = backend.listReaders();
                all = names.size();
                exposed = (int) names.stream().filter(filter).count();
            } catch (ScardException e) {
                if (!e.is(ScardError.E_NO_READERS_AVAILABLE)) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        }
        List<ReaderState> ask = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.EXPOSED) {
                ask.add(ReaderState.of(devices[i], Scard.STATE_UNAWARE));
            }
        }
        int exposedCount = exposed;
        int allCount = all;
        CompletableFuture<List<ReaderState>> read = ask.isEmpty()
                ? CompletableFuture.completedFuture(List.of()) : backend.getStatusChange(ask, 0);
        return read.thenApply(answer -> {
            ReaderState[] aligned = new ReaderState[kinds.length];
            int j = 0;
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == Kind.EXPOSED) {
                    aligned[i] = answer.get(j++);
                }
            }
            return new Snapshot(Arrays.asList(aligned), exposedCount, allCount);
        });
    }

    /** The event counts of a snapshot (-1 where none), the baseline for detecting a swap during a parked call. */
    int[] counts(Snapshot snapshot) {
        int[] counts = new int[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            ReaderState b = snapshot.backend().get(i);
            counts[i] = b == null ? -1 : Scard.eventCount(b.eventState());
        }
        return counts;
    }

    Evaluation evaluate(Snapshot snapshot, int[] baseline) {
        List<ReaderState> out = new ArrayList<>(kinds.length);
        boolean anyChanged = false;
        for (int i = 0; i < kinds.length; i++) {
            ReaderState s = input.get(i);
            int cur = s.currentState();
            ReaderState answer;
            switch (kinds[i]) {
                case IGNORED -> answer = s;
                case PNP -> {
                    int known = Scard.eventCount(cur);
                    if (known == 0) {
                        answer = s.withEvent(cur, null);
                    } else {
                        int evt = snapshot.exposedReaders() << Scard.EVENT_COUNT_SHIFT;
                        if (snapshot.exposedReaders() != known) {
                            evt |= Scard.STATE_CHANGED;
                        }
                        answer = s.withEvent(evt, null);
                    }
                }
                case HIDDEN -> {
                    int evt = Scard.STATE_UNKNOWN | Scard.STATE_IGNORE;
                    if ((cur & Scard.STATE_UNKNOWN) == 0) {
                        evt |= Scard.STATE_CHANGED;
                    }
                    answer = s.withEvent(evt, null);
                }
                default -> answer = exposed(s, snapshot.backend().get(i), baseline == null ? -1 : baseline[i]);
            }
            anyChanged |= (answer.eventState() & Scard.STATE_CHANGED) != 0 && kinds[i] != Kind.IGNORED;
            out.add(answer);
        }
        return new Evaluation(List.copyOf(out), anyChanged);
    }

    private ReaderState exposed(ReaderState s, ReaderState backend, int baselineCount) {
        int cur = s.currentState();
        int raw = backend.eventState() & ~Scard.STATE_CHANGED;
        int compared = options.reportUsage() ? COMPARED_BITS : COMPARED_BITS & ~USAGE_BITS;
        int count = Scard.eventCount(raw);
        boolean changed = cur == Scard.STATE_UNAWARE
                || (raw & compared) != (cur & compared)
                || (Scard.eventCount(cur) != 0 && Scard.eventCount(cur) != count)
                || (baselineCount >= 0 && baselineCount != count);
        int evt = raw;
        if (!options.reportUsage()) {
            evt &= ~USAGE_BITS;
        }
        if (!options.reportEventCounts()) {
            evt &= 0xFFFF;
        }
        if (changed) {
            evt |= Scard.STATE_CHANGED;
        }
        byte[] atr = (raw & Scard.STATE_PRESENT) != 0 ? backend.atr() : null;
        return s.withEvent(evt, atr);
    }

    /**
     * What to park on the backend: every exposed entry with the snapshot's state (count included) as its current
     * state, so the backend wakes on any difference from what was last seen; and the PnP entry with the backend's
     * reader count when the caller watches the count.
     */
    List<ReaderState> wakeQuery(Snapshot snapshot) {
        List<ReaderState> q = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.EXPOSED) {
                int seen = snapshot.backend().get(i).eventState() & ~(Scard.STATE_CHANGED | Scard.STATE_IGNORE);
                q.add(ReaderState.of(devices[i], seen));
            }
        }
        if (countsPnp) {
            q.add(ReaderState.of(Scard.PNP_NOTIFICATION, snapshot.backendReaders() << Scard.EVENT_COUNT_SHIFT));
        }
        return q;
    }

    Kind kind(int i) {
        return kinds[i];
    }
}
