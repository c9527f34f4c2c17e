package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a caller's reader states with the readers (SCardGetStatusChange; MS-RDPESC 2.2.7, 3.1.4 GETSTATUSCHANGE;
 * pcsc-lite winscard_clnt.c SCardGetStatusChange). Pure: called with {@link VirtualPcsc#lock} held.
 */
final class StatusEvaluator {
    /** State bits whose difference is a change; CHANGED, IGNORE and ATRMATCH are not states of the reader. */
    static final int COMPARED_BITS = Scard.STATE_UNKNOWN | Scard.STATE_UNAVAILABLE | Scard.STATE_EMPTY
            | Scard.STATE_PRESENT | Scard.STATE_EXCLUSIVE | Scard.STATE_INUSE | Scard.STATE_MUTE
            | Scard.STATE_UNPOWERED;

    private StatusEvaluator() {
    }

    /** The answer: every entry with its event state, and whether any entry changed. */
    record Result(List<ReaderState> states, boolean changed) {
    }

    /**
     * @param pnpBaseline the reader count to compare a PnP entry against when its high word is 0 (the count
     *                    when the call started)
     */
    static Result evaluate(VirtualPcsc pcsc, List<ReaderState> states, int pnpBaseline) {
        List<ReaderState> out = new ArrayList<>(states.size());
        boolean anyChanged = false;
        for (ReaderState s : states) {
            int cur = s.currentState();
            int evt;
            byte[] atr = null;
            if ((cur & Scard.STATE_IGNORE) != 0) {
                evt = Scard.STATE_IGNORE;
            } else if (s.reader().equals(Scard.PNP_NOTIFICATION)) {
                int count = pcsc.readerCount();
                int known = Scard.eventCount(cur) != 0 ? Scard.eventCount(cur) : pnpBaseline;
                evt = count << Scard.EVENT_COUNT_SHIFT;
                if (count != known) {
                    evt |= Scard.STATE_CHANGED;
                }
            } else {
                VirtualReader reader = pcsc.reader(s.reader());
                if (reader == null) {
                    evt = Scard.STATE_UNKNOWN | Scard.STATE_IGNORE;
                    if ((cur & Scard.STATE_UNKNOWN) == 0) {
                        evt |= Scard.STATE_CHANGED;
                    }
                } else {
                    evt = reader.eventState();
                    atr = reader.atr();
                    boolean changed = cur == Scard.STATE_UNAWARE
                            || (evt & COMPARED_BITS) != (cur & COMPARED_BITS)
                            || (Scard.eventCount(cur) != 0 && Scard.eventCount(cur) != Scard.eventCount(evt));
                    if (changed) {
                        evt |= Scard.STATE_CHANGED;
                    }
                }
            }
            anyChanged |= (evt & Scard.STATE_CHANGED) != 0;
            out.add(s.withEvent(evt, atr));
        }
        return new Result(List.copyOf(out), anyChanged);
    }
}
