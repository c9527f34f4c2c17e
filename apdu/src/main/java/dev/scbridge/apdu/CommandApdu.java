package dev.scbridge.apdu;

import java.util.Arrays;

/**
 * A command APDU, ISO/IEC 7816-4 section 5.1 (cases 1-4, short and extended length).
 *
 * <pre>
 *  case 1   CLA INS P1 P2
 *  case 2S  CLA INS P1 P2 Le                      Le 00 = 256
 *  case 3S  CLA INS P1 P2 Lc data                 Lc 01..FF
 *  case 4S  CLA INS P1 P2 Lc data Le
 *  case 2E  CLA INS P1 P2 00 Le1 Le2              Le 0000 = 65536
 *  case 3E  CLA INS P1 P2 00 Lc1 Lc2 data         Lc 0001..FFFF
 *  case 4E  CLA INS P1 P2 00 Lc1 Lc2 data Le1 Le2
 * </pre>
 *
 * @param ne expected response length Ne: 0 when there is no Le field, 1..256 (short) or 1..65536 (extended)
 */
public record CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
    /** ISO/IEC 7816-4 5.1: an extended Lc counts at most 65,535 data bytes. */
    public static final int MAX_DATA_LENGTH = 65_535;
    /** ISO/IEC 7816-4 5.1: an extended Le of 0000 means 65,536. */
    public static final int MAX_NE = 65_536;
    /** Short APDUs carry at most 255 data bytes and expect at most 256. */
    public static final int MAX_SHORT_DATA = 255;
    public static final int MAX_SHORT_NE = 256;
    /** CLA bit b5: more commands of this chain follow (ISO/IEC 7816-4 5.1.1.1). */
    public static final int CLA_CHAINING = 0x10;

    public CommandApdu {
        checkByte("CLA", cla);
        checkByte("INS", ins);
        checkByte("P1", p1);
        checkByte("P2", p2);
        data = data == null ? new byte[0] : data.clone();
        if (data.length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("data is " + data.length + " bytes (max " + MAX_DATA_LENGTH + ")");
        }
        if (ne < 0 || ne > MAX_NE) {
            throw new IllegalArgumentException("Ne " + ne + " out of range 0.." + MAX_NE);
        }
    }

    public CommandApdu(int cla, int ins, int p1, int p2) {
        this(cla, ins, p1, p2, null, 0);
    }

    public CommandApdu(int cla, int ins, int p1, int p2, byte[] data) {
        this(cla, ins, p1, p2, data, 0);
    }

    private static void checkByte(String name, int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(name + " " + v + " is not a byte");
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Length of the data field without copying it. */
    public int nc() {
        return data.length;
    }

    /** True when CLA says more commands of this chain follow. */
    public boolean isChained() {
        return (cla & CLA_CHAINING) != 0;
    }

    /** True when this APDU needs extended length fields to be encoded. */
    public boolean needsExtended() {
        return data.length > MAX_SHORT_DATA || ne > MAX_SHORT_NE;
    }

    /** A copy with another CLA (e.g. the chaining bit set or cleared). */
    public CommandApdu withCla(int newCla) {
        return new CommandApdu(newCla, ins, p1, p2, data, ne);
    }

    /** A copy with another Ne. */
    public CommandApdu withNe(int newNe) {
        return new CommandApdu(cla, ins, p1, p2, data, newNe);
    }

    /** Encodes short when it fits, extended otherwise. */
    public byte[] encode() {
        boolean ext = needsExtended();
        int lcLen = data.length == 0 ? 0 : (ext ? 3 : 1);
        int leLen = ne == 0 ? 0 : (ext ? (data.length == 0 ? 3 : 2) : 1);
        byte[] out = new byte[4 + lcLen + data.length + leLen];
        out[0] = (byte) cla;
        out[1] = (byte) ins;
        out[2] = (byte) p1;
        out[3] = (byte) p2;
        int pos = 4;
        if (data.length > 0) {
            if (ext) {
                out[pos++] = 0;
                out[pos++] = (byte) (data.length >>> 8);
            }
            out[pos++] = (byte) data.length;
            System.arraycopy(data, 0, out, pos, data.length);
            pos += data.length;
        }
        if (ne > 0) {
            if (ext) {
                if (data.length == 0) {
                    out[pos++] = 0;
                }
                out[pos++] = (byte) (ne == MAX_NE ? 0 : ne >>> 8);
                out[pos++] = (byte) (ne == MAX_NE ? 0 : ne);
            } else {
                out[pos++] = (byte) (ne == MAX_SHORT_NE ? 0 : ne);
            }
        }
        return out;
    }

    /** Parses one command APDU that fills {@code apdu} exactly. */
    public static CommandApdu parse(byte[] apdu) throws DecodeException {
        int n = apdu.length;
        if (n < 4) {
            throw new DecodeException("header", "APDU is " + n + " bytes (expected: 4+ bytes)", 0);
        }
        int cla = apdu[0] & 0xFF;
        int ins = apdu[1] & 0xFF;
        int p1 = apdu[2] & 0xFF;
        int p2 = apdu[3] & 0xFF;
        if (cla == 0xFF) {
            throw new DecodeException("CLA", "FF is reserved for PPS (ISO/IEC 7816-3)", 0);
        }
        if (n == 4) {
            return new CommandApdu(cla, ins, p1, p2, null, 0);
        }
        int b4 = apdu[4] & 0xFF;
        if (n == 5) {
            return new CommandApdu(cla, ins, p1, p2, null, b4 == 0 ? MAX_SHORT_NE : b4);
        }
        if (b4 != 0) {
            if (n == 5 + b4) {
                return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, n), 0);
            }
            if (n == 6 + b4) {
                int le = apdu[n - 1] & 0xFF;
                return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, n - 1),
                        le == 0 ? MAX_SHORT_NE : le);
            }
            throw new DecodeException("Lc", "short Lc " + b4 + " does not match APDU length " + n
                    + " (expected: " + (5 + b4) + " or " + (6 + b4) + ")", 4);
        }
        // b4 == 0 and more than 5 bytes: extended length.
        if (n < 7) {
            throw new DecodeException("Le", "extended length field truncated: APDU is " + n
                    + " bytes (expected: 7+ bytes)", 5);
        }
        int l = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
        if (n == 7) {
            return new CommandApdu(cla, ins, p1, p2, null, l == 0 ? MAX_NE : l);
        }
        if (l == 0) {
            throw new DecodeException("Lc", "extended Lc is 0000 with " + (n - 7) + " bytes following", 5);
        }
        if (n == 7 + l) {
            return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, n), 0);
        }
        if (n == 9 + l) {
            int le = ((apdu[n - 2] & 0xFF) << 8) | (apdu[n - 1] & 0xFF);
            return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, n - 2), le == 0 ? MAX_NE : le);
        }
        throw new DecodeException("Lc", "extended Lc " + l + " does not match APDU length " + n
                + " (expected: " + (7 + l) + " or " + (9 + l) + ")", 5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandApdu c && c.cla == cla && c.ins == ins && c.p1 == p1 && c.p2 == p2
                && c.ne == ne && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return ((cla * 31 + ins) * 31 + p1) * 31 + p2 + 17 * Arrays.hashCode(data) + ne;
    }

    /** Header and lengths only: a command's data may hold a PIN or key, so it is never printed. */
    @Override
    public String toString() {
        return String.format("CommandApdu[%02X %02X %02X %02X, Nc=%d, Ne=%d]", cla, ins, p1, p2, data.length, ne);
    }
}
