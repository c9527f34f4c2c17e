package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Test helpers: object bytes of a record, patched copies, and type-serialized wrappers for malformed objects. */
final class EscObjects {
    private EscObjects() {
    }

    /** A 4-byte context or handle value, little-endian (Teleport's contexts are 1, 2, 3...). */
    static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    static RedirContext ctx(int value) {
        return new RedirContext(le(value));
    }

    /** The object bytes of a record (no headers, no final padding). */
    static byte[] object(EscMessage m) {
        NdrWriter w = new NdrWriter();
        m.encode(w);
        return w.raw();
    }

    /** MS-RPCE headers around {@code object} with ObjectBufferLength = its exact length (as IronRDP's vectors do). */
    static byte[] serialized(byte[] object) {
        byte[] out = new byte[NdrWriter.HEADERS_LENGTH + object.length];
        System.arraycopy(Hex.decode("01100800CCCCCCCC"), 0, out, 0, 8);
        System.arraycopy(le(object.length), 0, out, 8, 4);
        System.arraycopy(object, 0, out, 16, object.length);
        return out;
    }

    static NdrReader reader(byte[] serializedBytes) throws DecodeException {
        return NdrReader.typeSerialized(serializedBytes);
    }

    /** A copy of {@code object} with the u32 at {@code offset} replaced, wrapped in headers. */
    static byte[] patched(byte[] object, int offset, int value) {
        byte[] copy = object.clone();
        System.arraycopy(le(value), 0, copy, offset, 4);
        return serialized(copy);
    }

    /** The first {@code length} bytes of {@code object}, wrapped in headers. */
    static byte[] truncated(byte[] object, int length) {
        return serialized(Arrays.copyOf(object, length));
    }

    /** {@code object} followed by {@code extra} zero bytes (past the padding to 8), wrapped in headers. */
    static byte[] trailing(byte[] object, int extra) {
        return serialized(Arrays.copyOf(object, ((object.length + 7) & ~7) + extra));
    }
}
