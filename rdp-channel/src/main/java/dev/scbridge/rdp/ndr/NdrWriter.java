package dev.scbridge.rdp.ndr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one NDR-encoded MS-RDPESC structure the way Windows does: the fixed part first, each non-NULL unique
 * pointer taking the next referent ID from {@link #FIRST_REFERENT} in steps of 4, then the deferred pointees in
 * pointer order (the encoder calls them in that order), every scalar aligned to 4 from the object's start.
 * {@link #typeSerialized()} wraps the object in the MS-RPCE 2.2.6 headers and pads it to 8 bytes.
 */
public final class NdrWriter {
    /** Common (8) plus private (8) type serialization headers, MS-RPCE 2.2.6.1-2. */
    public static final int HEADERS_LENGTH = 16;
    /** The first referent ID Windows emits (facts/rdp.md sec. 2; every vector). */
    public static final int FIRST_REFERENT = 0x00020000;
    private static final int REFERENT_STEP = 4;

    private byte[] buf;
    private int size;
    private int nextReferent = FIRST_REFERENT;

    public NdrWriter() {
        this(64);
    }

    public NdrWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes of object written so far. */
    public int size() {
        return size;
    }

    /** Zero bytes up to the next multiple of {@code n} from the object's start. */
    public NdrWriter align(int n) {
        int pad = (n - size % n) % n;
        ensure(pad);
        size += pad; // buffer is zero-filled
        return this;
    }

    /** An aligned 32-bit value. */
    public NdrWriter u32(int value) {
        align(4);
        ensure(4);
        buf[size] = (byte) value;
        buf[size + 1] = (byte) (value >>> 8);
        buf[size + 2] = (byte) (value >>> 16);
        buf[size + 3] = (byte) (value >>> 24);
        size += 4;
        return this;
    }

    /** A unique pointer: the next referent ID when {@code present}, else NULL (0). */
    public NdrWriter pointer(boolean present) {
        if (!present) {
            return u32(NdrReader.NULL_POINTER);
        }
        u32(nextReferent);
        nextReferent += REFERENT_STEP;
        return this;
    }

    /** Raw bytes, no alignment (fixed arrays, UUIDs). */
    public NdrWriter fixed(byte[] bytes) {
        return fixed(bytes, 0, bytes.length);
    }

    public NdrWriter fixed(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    /** {@code n} zero bytes. */
    public NdrWriter zeros(int n) {
        ensure(n);
        size += n;
        return this;
    }

    /** A deferred {@code [size_is(n)] byte*} pointee: MaxCount, the bytes, padding to 4. */
    public NdrWriter conformantBytes(byte[] data) {
        u32(data.length);
        fixed(data);
        return align(4);
    }

    /** The MaxCount that opens a conformant array of structures. */
    public NdrWriter arrayCount(int n) {
        return u32(n);
    }

    /** A deferred {@code [string]} pointee: MaxCount = ActualCount = characters + NUL, Offset 0, chars, pad 4. */
    public NdrWriter string(String text, boolean wide) {
        byte[] chars = text.getBytes(wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
        int width = wide ? 2 : 1;
        int count = chars.length / width + 1;
        u32(count).u32(0).u32(count);
        fixed(chars);
        zeros(width);
        return align(4);
    }

    /** The object as MS-RPCE 2.2.6 type serialization version 1: headers, object, zero padding to 8. */
    public byte[] typeSerialized() {
        int padded = (size + 7) & ~7;
        byte[] out = new byte[HEADERS_LENGTH + padded];
        out[0] = 1;
        out[1] = 0x10;
        out[2] = 8;
        out[4] = out[5] = out[6] = out[7] = (byte) 0xCC;
        out[8] = (byte) padded;
        out[9] = (byte) (padded >>> 8);
        out[10] = (byte) (padded >>> 16);
        out[11] = (byte) (padded >>> 24);
        System.arraycopy(buf, 0, out, HEADERS_LENGTH, size);
        return out;
    }

    /** The object bytes alone (no headers, no final padding). */
    public byte[] raw() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
