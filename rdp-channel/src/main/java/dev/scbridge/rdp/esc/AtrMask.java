package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.1.4 LocateCards_ATRMask (76 bytes, no pointers): cbAtr (0..36), rgbAtr[36], rgbMask[36]. A card
 * matches when {@code (atr[i] & mask[i]) == (rgbAtr[i] & mask[i])} for the first cbAtr bytes. Both 36-byte arrays are
 * kept whole so that a decoded mask re-encodes exactly.
 */
public record AtrMask(int cbAtr, byte[] rgbAtr, byte[] rgbMask) {
    /** rgbAtr and rgbMask are fixed 36-byte arrays (MS-RDPESC 2.2.1.4). */
    public static final int BUFFER = 36;
    /** Encoded size: cbAtr + 2 x 36. */
    public static final int SIZE = 4 + 2 * BUFFER;

    public AtrMask {
        rgbAtr = rgbAtr.clone();
        rgbMask = rgbMask.clone();
        if (rgbAtr.length != BUFFER || rgbMask.length != BUFFER) {
            throw new IllegalArgumentException("rgbAtr and rgbMask must be " + BUFFER + " bytes, not "
                    + rgbAtr.length + " and " + rgbMask.length);
        }
        if (cbAtr < 0 || cbAtr > BUFFER) {
            throw new IllegalArgumentException("cbAtr " + cbAtr + " outside 0.." + BUFFER);
        }
    }

    /** A mask for an ATR of at most 36 bytes; {@code mask} must be as long as {@code atr}. */
    public static AtrMask of(byte[] atr, byte[] mask) {
        if (atr.length != mask.length) {
            throw new IllegalArgumentException("ATR of " + atr.length + " bytes, mask of " + mask.length);
        }
        return new AtrMask(atr.length, Arrays.copyOf(atr, BUFFER), Arrays.copyOf(mask, BUFFER));
    }

    @Override
    public byte[] rgbAtr() {
        return rgbAtr.clone();
    }

    @Override
    public byte[] rgbMask() {
        return rgbMask.clone();
    }

    /** True when the first cbAtr bytes of {@code atr} match under the mask (a shorter or longer ATR never does). */
    public boolean matches(byte[] atr) {
        if (atr.length != cbAtr) {
            return false;
        }
        for (int i = 0; i < cbAtr; i++) {
            if (((atr[i] ^ rgbAtr[i]) & rgbMask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    public void encode(NdrWriter w) {
        w.u32(cbAtr).fixed(rgbAtr).fixed(rgbMask);
    }

    public static AtrMask decode(NdrReader r) throws DecodeException {
        int cbAtr = r.count("cbAtr", BUFFER);
        byte[] atr = r.fixed("rgbAtr", BUFFER);
        byte[] mask = r.fixed("rgbMask", BUFFER);
        return new AtrMask(cbAtr, atr, mask);
    }

    /** Writes the deferred array: MaxCount, then the masks back to back. */
    static void encodeArray(NdrWriter w, List<AtrMask> masks) {
        w.arrayCount(masks.size());
        masks.forEach(m -> m.encode(w));
    }

    /** Reads the deferred array whose count the fixed part gave. */
    static List<AtrMask> decodeArray(NdrReader r, int count) throws DecodeException {
        r.arrayCount("rgAtrMasks", count);
        List<AtrMask> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(decode(r));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtrMask m && cbAtr == m.cbAtr && Arrays.equals(rgbAtr, m.rgbAtr)
                && Arrays.equals(rgbMask, m.rgbMask);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cbAtr, Arrays.hashCode(rgbAtr), Arrays.hashCode(rgbMask));
    }

    @Override
    public String toString() {
        return "LocateCards_ATRMask[cbAtr=" + cbAtr + ", rgbAtr=" + EscText.hex(rgbAtr) + ", rgbMask="
                + EscText.hex(rgbMask) + "]";
    }
}
