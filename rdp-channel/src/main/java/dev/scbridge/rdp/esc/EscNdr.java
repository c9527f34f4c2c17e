package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks shared by the MS-RDPESC records with strings and arrays of structures: an element count and its unique
 * pointer, strings that must be present, and the text rules a {@code [string]} value must meet before it is encoded
 * (byte arrays: {@link ByteFields}).
 */
final class EscNdr {
    private EscNdr() {
    }

    /**
     * A count with its {@code [unique] [size_is(count)]} pointer: a non-zero count needs a non-NULL pointer. A zero
     * count may come with either (FreeRDP sends NULL; Teleport a non-NULL pointer to MaxCount 0, which Windows
     * accepted: facts/rdp.md sec. 2 "empty array").
     */
    static void checkPointer(String field, int count, int pointer, int at) throws DecodeException {
        if (count > 0 && pointer == NdrReader.NULL_POINTER) {
            throw new DecodeException(field, "NULL pointer with a count of " + count, at);
        }
    }

    /** Rejects a NULL pointer where the structure needs the string (a reader name, a lookup name). */
    static void requirePointer(String field, int pointer, int at) throws DecodeException {
        if (pointer == NdrReader.NULL_POINTER) {
            throw new DecodeException(field, "NULL, but the call needs this string", at);
        }
    }

    /** For constructors: the text must fit {@code maxChars} with its NUL, hold no NUL and, for A, be 8-bit. */
    static String checkText(String field, String text, boolean wide, int maxChars) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " contains a NUL character");
        }
        if (!wide && !StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException(field + " has characters outside 8 bits for an A call: " + text);
        }
        int chars = wide ? text.getBytes(StandardCharsets.UTF_16LE).length / 2 : text.length();
        if (chars + 1 > maxChars) {
            throw new IllegalArgumentException(field + " is " + chars + " characters (max " + (maxChars - 1) + ")");
        }
        return text;
    }

    /** For constructors: a multistring byte array that {@link Msz#decode} accepts. */
    static void checkMultistring(String field, byte[] msz, boolean wide) {
        try {
            Msz.decode(field, msz, wide);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The names of a multistring already checked by {@link #checkMultistring}. */
    static List<String> names(String field, byte[] msz, boolean wide) {
        try {
            return Msz.decode(field, msz, wide);
        } catch (DecodeException e) {
            throw new IllegalStateException("checked at construction", e);
        }
    }
}
