package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.Scard;

import java.util.Objects;

/**
 * One SCARD_ATRMASK (MS-RDPESC 2.2.1.6 LocateCards_ATRMask): a card matches when its ATR has the same length and
 * {@code (cardAtr & mask) == (atr & mask)} byte by byte.
 */
public record AtrMask(byte[] atr, byte[] mask) {
    public AtrMask {
        Objects.requireNonNull(atr, "atr");
        Objects.requireNonNull(mask, "mask");
        if (atr.length != mask.length) {
            throw new IllegalArgumentException("ATR of " + atr.length + " bytes with a mask of " + mask.length);
        }
        if (atr.length > Scard.READER_STATE_ATR_BUFFER) {
            throw new IllegalArgumentException("ATR of " + atr.length + " bytes (max " + Scard.READER_STATE_ATR_BUFFER + ")");
        }
        atr = atr.clone();
        mask = mask.clone();
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    @Override
    public byte[] mask() {
        return mask.clone();
    }

    /** True if the card's ATR matches this mask. */
    public boolean matches(byte[] cardAtr) {
        if (cardAtr.length != atr.length) {
            return false;
        }
        for (int i = 0; i < atr.length; i++) {
            if (((cardAtr[i] ^ atr[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtrMask m && java.util.Arrays.equals(atr, m.atr) && java.util.Arrays.equals(mask, m.mask);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(atr) + java.util.Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return "AtrMask[" + java.util.HexFormat.of().formatHex(atr) + "/" + java.util.HexFormat.of().formatHex(mask) + "]";
    }
}
