package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MS-RDPESC 2.2.1.5 ReaderState_Common_Call and 2.2.1.11 ReaderState_Return (the same 48 bytes):
 * dwCurrentState, dwEventState, cbAtr, rgbAtr[36]. The whole 36-byte array is kept so that a decoded structure
 * re-encodes byte for byte; {@link #atr()} gives the first cbAtr bytes.
 */
public record ReaderStateCommon(int currentState, int eventState, int cbAtr, byte[] rgbAtr) {
    /** rgbAtr is a fixed 36-byte array (MS-RDPESC 2.2.1.5). */
    public static final int ATR_BUFFER = 36;
    /** Encoded size in bytes. */
    public static final int SIZE = 12 + ATR_BUFFER;

    public ReaderStateCommon {
        rgbAtr = rgbAtr.clone();
        if (rgbAtr.length != ATR_BUFFER) {
            throw new IllegalArgumentException("rgbAtr must be " + ATR_BUFFER + " bytes, not " + rgbAtr.length);
        }
        if (cbAtr < 0 || cbAtr > ATR_BUFFER) {
            throw new IllegalArgumentException("cbAtr " + cbAtr + " outside 0.." + ATR_BUFFER);
        }
    }

    /** States with an ATR of at most 36 bytes, zero-padded. */
    public static ReaderStateCommon of(int currentState, int eventState, byte[] atr) {
        return new ReaderStateCommon(currentState, eventState, atr.length, Arrays.copyOf(atr, ATR_BUFFER));
    }

    @Override
    public byte[] rgbAtr() {
        return rgbAtr.clone();
    }

    /** The ATR: the first cbAtr bytes of rgbAtr. */
    public byte[] atr() {
        return Arrays.copyOf(rgbAtr, cbAtr);
    }

    public void encode(NdrWriter w) {
        w.u32(currentState).u32(eventState).u32(cbAtr).fixed(rgbAtr);
    }

    public static ReaderStateCommon decode(NdrReader r) throws DecodeException {
        int current = r.u32("dwCurrentState");
        int event = r.u32("dwEventState");
        int cbAtr = r.count("cbAtr", ATR_BUFFER);
        byte[] atr = r.fixed("rgbAtr", ATR_BUFFER);
        return new ReaderStateCommon(current, event, cbAtr, atr);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderStateCommon c && currentState == c.currentState && eventState == c.eventState
                && cbAtr == c.cbAtr && Arrays.equals(rgbAtr, c.rgbAtr);
    }

    @Override
    public int hashCode() {
        return ((currentState * 31 + eventState) * 31 + cbAtr) * 31 + Arrays.hashCode(rgbAtr);
    }

    @Override
    public String toString() {
        return String.format("cur=0x%08X evt=0x%08X cbAtr=%d atr=%s", currentState, eventState, cbAtr,
                HexFormat.of().withUpperCase().formatHex(atr()));
    }
}
