package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.10 Status_Return, the answer to StatusA and StatusW: reader names, card state (2.2.4),
 * protocol (2.2.5) and the ATR in a fixed 32-byte array.
 *
 * <pre>
 * inline:   ReturnCode | cBytes (0..65536) | mszReaderNames (pointer) | dwState | dwProtocol
 *           | pbAtr[32] (inline, unaligned bytes) | cbAtrLen (0..32)
 * deferred: MaxCount, multistring bytes, pad to 4
 * </pre>
 *
 * The answer Windows accepted for reader "Teleport" is 96 bytes on the wire (windows-logon-trace.txt step 040);
 * {@link #of} produces it. The multistring is UTF-16LE for StatusW and 8-bit for StatusA ({@code wide}); a NULL
 * mszReaderNames with a non-zero cBytes is the length-only answer to fmszReaderNamesIsNULL.
 *
 * @param cBytes         the multistring's length in bytes, or the length alone when the pointer is NULL
 * @param mszReaderNames the multistring bytes, or {@code null} for a NULL pointer
 * @param pbAtr          the whole 32-byte ATR array as sent (bytes past cbAtrLen kept, normally zero)
 * @param cbAtrLen       the ATR's length in pbAtr
 */
public record StatusReturn(int returnCode, boolean wide, int cBytes, byte[] mszReaderNames, int state,
                           int protocol, byte[] pbAtr, int cbAtrLen) implements EscReturn {
    /** cBytes' upper bound (MS-RDPESC 2.2.3.10, IDL {@code [range(0,65536)]}). */
    public static final int MAX_READER_NAMES = 65536;
    /** pbAtr's fixed size and cbAtrLen's upper bound (MS-RDPESC 2.2.3.10, {@code byte pbAtr[32]}, range(0,32)). */
    public static final int ATR_BUFFER = 32;

    public StatusReturn {
        mszReaderNames = ByteFields.checked("cBytes", cBytes, mszReaderNames, MAX_READER_NAMES);
        Objects.requireNonNull(pbAtr, "pbAtr");
        if (pbAtr.length != ATR_BUFFER) {
            throw new IllegalArgumentException("pbAtr of " + pbAtr.length + " bytes (must be " + ATR_BUFFER + ")");
        }
        pbAtr = pbAtr.clone();
        if (cbAtrLen < 0 || cbAtrLen > ATR_BUFFER) {
            throw new IllegalArgumentException("cbAtrLen " + cbAtrLen + " is outside 0.." + ATR_BUFFER);
        }
        if (mszReaderNames != null) {
            try {
                Msz.decode("mszReaderNames", mszReaderNames, wide);
            } catch (DecodeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** A successful status: reader names as a multistring, the ATR copied into pbAtr. */
    public static StatusReturn of(boolean wide, List<String> readerNames, int state, int protocol, byte[] atr) {
        if (atr.length > ATR_BUFFER) {
            throw new IllegalArgumentException("ATR of " + atr.length + " bytes does not fit pbAtr[32]");
        }
        byte[] msz = Msz.encode(readerNames, wide);
        return new StatusReturn(0, wide, msz.length, msz, state, protocol, Arrays.copyOf(atr, ATR_BUFFER),
                atr.length);
    }

    /** A failed call: MS-RDPESC 2.2.3 sets every other field to zero. */
    public static StatusReturn error(int returnCode, boolean wide) {
        return new StatusReturn(returnCode, wide, 0, null, 0, 0, new byte[ATR_BUFFER], 0);
    }

    @Override
    public byte[] mszReaderNames() {
        return ByteFields.copy(mszReaderNames);
    }

    @Override
    public byte[] pbAtr() {
        return pbAtr.clone();
    }

    /** The reader names (empty for a NULL pointer). */
    public List<String> readerNames() {
        if (mszReaderNames == null) {
            return List.of();
        }
        try {
            return Msz.decode("mszReaderNames", mszReaderNames, wide);
        } catch (DecodeException e) {
            throw new IllegalStateException("validated at construction", e);
        }
    }

    /** The first cbAtrLen bytes of pbAtr. */
    public byte[] atr() {
        return Arrays.copyOf(pbAtr, cbAtrLen);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        ByteFields.writeInline(w, cBytes, mszReaderNames);
        w.u32(state).u32(protocol);
        w.fixed(pbAtr);
        w.u32(cbAtrLen);
        ByteFields.writeDeferred(w, mszReaderNames);
    }

    public static StatusReturn decode(NdrReader r, boolean wide) throws DecodeException {
        int rc = r.u32("ReturnCode");
        ByteFields.Inline names = ByteFields.readInline(r, "cBytes", "mszReaderNames", MAX_READER_NAMES, true);
        int state = r.u32("dwState");
        int protocol = r.u32("dwProtocol");
        byte[] atrBuffer = r.fixed("pbAtr", ATR_BUFFER);
        int atrLength = r.count("cbAtrLen", ATR_BUFFER);
        int at = r.position();
        byte[] msz = names.readDeferred(r);
        if (msz != null) {
            try {
                Msz.decode("mszReaderNames", msz, wide);
            } catch (DecodeException e) {
                throw new DecodeException("mszReaderNames", e.reason(), at + 4 + e.offset());
            }
        }
        StatusReturn out = new StatusReturn(rc, wide, names.count(), msz, state, protocol, atrBuffer, atrLength);
        r.expectEnd("Status_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "Status_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.10";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusReturn s && returnCode == s.returnCode && wide == s.wide && cBytes == s.cBytes
                && Arrays.equals(mszReaderNames, s.mszReaderNames) && state == s.state && protocol == s.protocol
                && Arrays.equals(pbAtr, s.pbAtr) && cbAtrLen == s.cbAtrLen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, wide, cBytes, Arrays.hashCode(mszReaderNames), state, protocol,
                Arrays.hashCode(pbAtr), cbAtrLen);
    }

    @Override
    public String toString() {
        return "Status_Return{ReturnCode=" + ByteFields.returnCode(returnCode) + " wide=" + wide + " cBytes="
                + cBytes + " mszReaderNames=" + (mszReaderNames == null ? "NULL" : readerNames().toString())
                + " dwState=" + state + " dwProtocol=" + ByteFields.hex32(protocol) + " pbAtr="
                + ByteFields.hex(pbAtr) + " cbAtrLen=" + cbAtrLen + "}";
    }
}
