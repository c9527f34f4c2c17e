package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * Little-endian reader over one whole PDU. Every read checks bounds and throws {@link DecodeException} with the
 * absolute offset of the field, so no {@code IndexOutOfBoundsException} can escape a decoder.
 */
final class ByteReader {
    private final byte[] buf;
    private int pos;

    ByteReader(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return buf.length - pos;
    }

    private void need(int n, String field) throws DecodeException {
        if (n < 0 || remaining() < n) {
            throw new DecodeException(field, "truncated: " + remaining() + " bytes left (expected: " + n + ")", pos);
        }
    }

    int u16(String field) throws DecodeException {
        need(2, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int u32(String field) throws DecodeException {
        need(4, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long u64(String field) throws DecodeException {
        long lo = u32(field) & 0xFFFF_FFFFL;
        long hi = u32(field) & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    /**
     * Reads a length-prefixed count of bytes. {@code length} is the raw u32 from the wire; it is checked against
     * {@code max} and against what is left before any allocation.
     */
    byte[] bytes(long length, long max, String field) throws DecodeException {
        long unsigned = length & 0xFFFF_FFFFL;
        if (unsigned > max) {
            throw new DecodeException(field, "length " + unsigned + " exceeds the maximum " + max, pos);
        }
        if (unsigned > remaining()) {
            throw new DecodeException(field, "length " + unsigned + " exceeds the " + remaining() + " bytes left", pos);
        }
        return bytes((int) unsigned, field);
    }

    byte[] bytes(int n, String field) throws DecodeException {
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    byte[] rest() {
        byte[] out = new byte[remaining()];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos = buf.length;
        return out;
    }

    /** PDUs are decoded strictly: bytes after the last field mean a framing error, not padding. */
    void expectEnd(String pdu) throws DecodeException {
        if (remaining() != 0) {
            throw new DecodeException(pdu, remaining() + " trailing bytes after the last field", pos);
        }
    }
}
