package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.HexFormat;

/**
 * The {@code [range(0,max)] unsigned long cb; [unique] [size_is(cb)] byte *pb;} pair that most handle-based
 * MS-RDPESC structures carry, plus the text helpers their {@code toString}s share.
 *
 * <p>A byte field is modelled as a nullable {@code byte[]}: {@code null} is the NULL pointer, an empty array is a
 * non-NULL pointer with MaxCount 0 (Teleport's encoding of an empty buffer, which Windows accepted). In a
 * {@code *_Return} a NULL pointer may come with a non-zero count: that is the length-only answer the
 * {@code f*IsNULL} flags and a zero {@code cb*} ask for (MS-RDPESC 2.2.2.17, 2.2.2.21).
 */
final class ByteFields {
    private ByteFields() {
    }

    /** Writes the count and the pointer (non-NULL iff {@code data} is not null). */
    static void writeInline(NdrWriter w, int count, byte[] data) {
        w.u32(count).pointer(data != null);
    }

    /** Writes the pointee: MaxCount, bytes, padding to 4 (nothing for a NULL pointer). */
    static void writeDeferred(NdrWriter w, byte[] data) {
        if (data != null) {
            w.conformantBytes(data);
        }
    }

    /**
     * Reads the count (rejected over {@code max}) and the pointer.
     *
     * @param lengthOnlyAllowed whether a NULL pointer may carry a non-zero count (a {@code *_Return}'s
     *                          length-only answer); in a {@code *_Call} it would announce data that is missing
     */
    static Inline readInline(NdrReader r, String countField, String pointerField, int max,
                             boolean lengthOnlyAllowed) throws DecodeException {
        int count = r.count(countField, max);
        int at = r.position();
        int pointer = r.pointer(pointerField);
        if (!lengthOnlyAllowed && pointer == NdrReader.NULL_POINTER && count != 0) {
            throw new DecodeException(pointerField, "NULL pointer with " + countField + " " + count, at);
        }
        return new Inline(pointerField, count, pointer, max);
    }

    /** A count and pointer read from the fixed part; {@link #readDeferred} reads the pointee later. */
    record Inline(String field, int count, int pointer, int max) {
        /** The bytes, or {@code null} for a NULL pointer. */
        byte[] readDeferred(NdrReader r) throws DecodeException {
            if (pointer == NdrReader.NULL_POINTER) {
                return null;
            }
            return r.conformantBytes(field, count, max);
        }
    }

    /** Validates a record's (count, nullable bytes) pair: with bytes, the count is their length. */
    static byte[] checked(String field, int count, byte[] data, int max) {
        if (Integer.toUnsignedLong(count) > max) {
            throw new IllegalArgumentException(field + " " + Integer.toUnsignedString(count) + " is over " + max);
        }
        if (data == null) {
            return null;
        }
        if (data.length != count) {
            throw new IllegalArgumentException(field + " " + count + " but " + data.length + " bytes");
        }
        return data.clone();
    }

    /** A call's nullable byte field, bounded by {@code max}. */
    static byte[] checked(String field, byte[] data, int max) {
        return data == null ? null : checked(field, data.length, data, max);
    }

    static int length(byte[] data) {
        return data == null ? 0 : data.length;
    }

    static byte[] copy(byte[] data) {
        return data == null ? null : data.clone();
    }

    static String hex(byte[] data) {
        return data == null ? "NULL" : HexFormat.of().withUpperCase().formatHex(data);
    }

    /** A ReturnCode by its SCARD name, else as hex. */
    static String returnCode(int code) {
        return ScardError.fromCode(code).map(ScardError::scardName).orElse(String.format("0x%08X", code));
    }

    static String hex32(int value) {
        return String.format("0x%08X", value);
    }
}
