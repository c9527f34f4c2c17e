package dev.scbridge.pcsc;

import java.util.Arrays;
import java.util.Objects;

/**
 * One SCARD_READERSTATE (WinSCard SCardGetStatusChange; MS-RDPESC 2.2.1.5 ReaderState_Common_Call): the caller's
 * reader name and current state in, the event state and ATR out. The high 16 bits of a state count card
 * insert/remove events ({@link Scard#EVENT_COUNT_SHIFT}); for {@link Scard#PNP_NOTIFICATION} they hold the number
 * of readers. Immutable: the backend returns new instances via {@link #withEvent}.
 *
 * @param reader       reader name, or {@link Scard#PNP_NOTIFICATION}
 * @param currentState what the caller believes ({@code dwCurrentState})
 * @param eventState   what the resource manager reports ({@code dwEventState}); 0 on input
 * @param atr          the card's ATR when present (at most {@link Scard#MAX_ATR_LENGTH} bytes), else empty
 */
public record ReaderState(String reader, int currentState, int eventState, byte[] atr) {
    public ReaderState {
        Objects.requireNonNull(reader, "reader");
        atr = atr == null ? new byte[0] : atr.clone();
        if (atr.length > Scard.READER_STATE_ATR_BUFFER) {
            throw new IllegalArgumentException("ATR of " + atr.length + " bytes (max " + Scard.READER_STATE_ATR_BUFFER + ")");
        }
    }

    /** An input entry: the caller's reader and what it believes the state is. */
    public static ReaderState of(String reader, int currentState) {
        return new ReaderState(reader, currentState, 0, null);
    }

    /** The entry a caller passes next time: current state = this event state, CHANGED cleared. */
    public ReaderState next() {
        return new ReaderState(reader, eventState & ~Scard.STATE_CHANGED, 0, null);
    }

    /** This entry with the resource manager's answer filled in. */
    public ReaderState withEvent(int newEventState, byte[] newAtr) {
        return new ReaderState(reader, currentState, newEventState, newAtr);
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    /** True if the event state has the flag(s). */
    public boolean has(int flags) {
        return (eventState & flags) == flags;
    }

    /** True if the resource manager flagged a change. */
    public boolean changed() {
        return has(Scard.STATE_CHANGED);
    }

    /** The event count (high word of the event state). */
    public int eventCount() {
        return Scard.eventCount(eventState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderState r && reader.equals(r.reader) && currentState == r.currentState
                && eventState == r.eventState && Arrays.equals(atr, r.atr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reader, currentState, eventState, Arrays.hashCode(atr));
    }

    @Override
    public String toString() {
        return String.format("ReaderState[%s cur=0x%08X evt=0x%08X atr=%s]", reader, currentState, eventState,
                java.util.HexFormat.of().formatHex(atr));
    }
}
