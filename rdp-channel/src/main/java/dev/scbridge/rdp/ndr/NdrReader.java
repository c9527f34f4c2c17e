package dev.scbridge.rdp.ndr;

import dev.scbridge.apdu.DecodeException;

import java.nio.charset.StandardCharsets;

/**
 * Reads one NDR-encoded MS-RDPESC structure (MS-RPCE 2.2.6 type serialization version 1, C706 14.2-14.3).
 * Offsets in errors are relative to the start of the buffer given to {@link #typeSerialized} or {@link #raw};
 * alignment counts from the object's first byte (after the 16 header bytes). Never throws anything but
 * {@link DecodeException} for bad input.
 *
 * <pre>
 * +0  Version=1 | Endianness=0x10 | CommonHeaderLength=8 (u16) | Filler 0xCCCCCCCC   MS-RPCE 2.2.6.1
 * +8  ObjectBufferLength (u32, multiple of 8) | Filler 0                             MS-RPCE 2.2.6.2
 * +16 object: fixed part, then deferred pointees in pointer order
 * </pre>
 */
public final class NdrReader {
    /** Referent ID of a NULL unique pointer. */
    public static final int NULL_POINTER = 0;

    private final byte[] buf;
    private final int objectStart;
    private final int end;
    private int pos;

    private NdrReader(byte[] buf, int objectStart, int end) {
        this.buf = buf;
        this.objectStart = objectStart;
        this.end = end;
        this.pos = objectStart;
    }

    /**
     * A reader over a type-serialized object: checks the common and private headers and limits reading to
     * ObjectBufferLength bytes (Windows' request buffers may carry stale bytes after the object).
     */
    public static NdrReader typeSerialized(byte[] buf) throws DecodeException {
        if (buf.length < NdrWriter.HEADERS_LENGTH) {
            throw new DecodeException("type serialization header", "incomplete: " + buf.length
                    + " bytes (expected: 16+ bytes)", 0);
        }
        if (buf[0] != 1) {
            throw new DecodeException("Version", "unsupported value " + (buf[0] & 0xFF) + " (expected: 1)", 0);
        }
        if ((buf[1] & 0xFF) != 0x10) {
            throw new DecodeException("Endianness", String.format("0x%02X is not little-endian (expected: 0x10)",
                    buf[1] & 0xFF), 1);
        }
        int commonLength = (buf[2] & 0xFF) | (buf[3] & 0xFF) << 8;
        if (commonLength != 8) {
            throw new DecodeException("CommonHeaderLength", commonLength + " (expected: 8)", 2);
        }
        // The fillers (0xCCCCCCCC, 0) carry no meaning; MS-RPCE says they are ignored on receipt.
        long objectLength = Integer.toUnsignedLong(le32(buf, 8));
        int available = buf.length - NdrWriter.HEADERS_LENGTH;
        if (objectLength > available) {
            throw new DecodeException("ObjectBufferLength", objectLength + " bytes but " + available
                    + " follow the headers", 8);
        }
        return new NdrReader(buf, NdrWriter.HEADERS_LENGTH, NdrWriter.HEADERS_LENGTH + (int) objectLength);
    }

    /** A reader over bytes that are not type-serialized (ScardAccessStartedEvent_Call, MS-RDPESC 2.2.2.30). */
    public static NdrReader raw(byte[] buf) {
        return new NdrReader(buf, 0, buf.length);
    }

    /** Bytes left in the object. */
    public int remaining() {
        return end - pos;
    }

    /** Offset of the next byte in the buffer given to the factory. */
    public int position() {
        return pos;
    }

    /** Skips to the next multiple of {@code n} counted from the object's start (C706 14.2.2). */
    public void align(int n) throws DecodeException {
        int rel = pos - objectStart;
        int pad = (n - rel % n) % n;
        need("alignment padding", pad);
        pos += pad;
    }

    /** An aligned unsigned 32-bit value as an int (callers compare with unsigned semantics where it matters). */
    public int u32(String field) throws DecodeException {
        align(4);
        need(field, 4);
        int v = le32(buf, pos);
        pos += 4;
        return v;
    }

    /** A 32-bit length or count, rejected if over {@code max}. */
    public int count(String field, int max) throws DecodeException {
        int at = pos;
        long v = Integer.toUnsignedLong(u32(field));
        if (v > max) {
            throw new DecodeException(field, v + " is over the maximum " + max, at);
        }
        return (int) v;
    }

    /** A unique pointer: its referent ID, {@link #NULL_POINTER} for NULL. */
    public int pointer(String field) throws DecodeException {
        return u32(field);
    }

    /** {@code n} raw bytes with no alignment (fixed arrays such as rgbAtr[36] or a UUID). */
    public byte[] fixed(String field, int n) throws DecodeException {
        need(field, n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * A deferred {@code [size_is(n)] byte*} pointee: MaxCount, the bytes, padding to 4 (C706 14.3.3.2).
     *
     * @param declared the count the fixed part announced (cBytes, cbAtrLen...): MaxCount must equal it
     */
    public byte[] conformantBytes(String field, int declared, int max) throws DecodeException {
        int at = pos;
        int maxCount = count(field + ".MaxCount", max);
        if (maxCount != declared) {
            throw new DecodeException(field + ".MaxCount", maxCount + " differs from the declared length "
                    + declared, at);
        }
        byte[] data = fixed(field, maxCount);
        align(4);
        return data;
    }

    /** The MaxCount of a conformant array of structures, which must equal the declared element count. */
    public int arrayCount(String field, int declared) throws DecodeException {
        int at = pos;
        int maxCount = u32(field + ".MaxCount");
        if (maxCount != declared) {
            throw new DecodeException(field + ".MaxCount", Integer.toUnsignedString(maxCount)
                    + " differs from the declared count " + declared, at);
        }
        return maxCount;
    }

    /**
     * A deferred {@code [string]} pointee (C706 14.3.4.2): MaxCount, Offset 0, ActualCount (with the NUL), the
     * characters (1 byte for A, 2 for W), padding to 4. Returns the text without its terminating NUL.
     */
    public String string(String field, boolean wide, int maxChars) throws DecodeException {
        int at = pos;
        int maxCount = count(field + ".MaxCount", maxChars);
        int offset = u32(field + ".Offset");
        if (offset != 0) {
            throw new DecodeException(field + ".Offset", Integer.toUnsignedString(offset) + " (expected: 0)",
                    pos - 4);
        }
        int actual = count(field + ".ActualCount", maxCount);
        if (actual == 0) {
            throw new DecodeException(field + ".ActualCount", "0: a string holds at least its NUL", pos - 4);
        }
        int width = wide ? 2 : 1;
        byte[] chars = fixed(field, actual * width);
        align(4);
        int textBytes = (actual - 1) * width;
        for (int i = textBytes; i < chars.length; i++) {
            if (chars[i] != 0) {
                throw new DecodeException(field, "not NUL-terminated", at);
            }
        }
        return new String(chars, 0, textBytes, wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    /** Fails unless the whole object was read (allowing only its trailing padding to 8). */
    public void expectEnd(String structure) throws DecodeException {
        int rel = pos - objectStart;
        int padded = (rel + 7) & ~7;
        if (end - objectStart > padded) {
            throw new DecodeException(structure, (end - pos) + " unexpected bytes after the structure", pos);
        }
    }

    private void need(String field, int n) throws DecodeException {
        if (n < 0 || n > end - pos) {
            throw new DecodeException(field, "truncated: needs " + n + " bytes, " + (end - pos) + " left", pos);
        }
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
