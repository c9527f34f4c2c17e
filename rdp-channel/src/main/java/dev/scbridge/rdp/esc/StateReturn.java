package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.9 State_Return: card state (MS-RDPESC 2.2.4), protocol (2.2.5) and ATR.
 *
 * <pre>
 * inline:   ReturnCode | dwState | dwProtocol | cbAtrLen (0..36) | rgAtr (pointer)
 * deferred: MaxCount, ATR bytes, pad to 4
 * </pre>
 *
 * A NULL rgAtr with a non-zero cbAtrLen is the length-only answer (fpbAtrIsNULL TRUE, or cbAtrLen 0 in the
 * call, MS-RDPESC 2.2.2.17).
 *
 * @param atrLength cbAtrLen: the ATR's length, or the length alone when {@code atr} is null
 * @param atr       rgAtr, or {@code null} for a NULL pointer
 */
public record StateReturn(int returnCode, int state, int protocol, int atrLength, byte[] atr)
        implements EscReturn {
    /** cbAtrLen's upper bound (MS-RDPESC 2.2.3.9, IDL {@code [range(0,36)]}). */
    public static final int MAX_ATR_LENGTH = 36;

    public StateReturn {
        atr = ByteFields.checked("cbAtrLen", atrLength, atr, MAX_ATR_LENGTH);
    }

    public static StateReturn of(int state, int protocol, byte[] atr) {
        return new StateReturn(0, state, protocol, atr.length, atr);
    }

    /** A failed call: MS-RDPESC 2.2.3 sets every other field to zero. */
    public static StateReturn error(int returnCode) {
        return new StateReturn(returnCode, 0, 0, 0, null);
    }

    @Override
    public byte[] atr() {
        return ByteFields.copy(atr);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode).u32(state).u32(protocol);
        ByteFields.writeInline(w, atrLength, atr);
        ByteFields.writeDeferred(w, atr);
    }

    public static StateReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        int state = r.u32("dwState");
        int protocol = r.u32("dwProtocol");
        ByteFields.Inline atr = ByteFields.readInline(r, "cbAtrLen", "rgAtr", MAX_ATR_LENGTH, true);
        StateReturn out = new StateReturn(rc, state, protocol, atr.count(), atr.readDeferred(r));
        r.expectEnd("State_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "State_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.9";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateReturn s && returnCode == s.returnCode && state == s.state
                && protocol == s.protocol && atrLength == s.atrLength && Arrays.equals(atr, s.atr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, state, protocol, atrLength, Arrays.hashCode(atr));
    }

    @Override
    public String toString() {
        return "State_Return{ReturnCode=" + ByteFields.returnCode(returnCode) + " dwState=" + state
                + " dwProtocol=" + ByteFields.hex32(protocol) + " cbAtrLen=" + atrLength + " rgAtr="
                + ByteFields.hex(atr) + "}";
    }
}
