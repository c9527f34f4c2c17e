package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BER-TLV data elements of one PIV data object, read strictly: SP 800-73-4 Part 1 Appendix A lists, for every
 * container, the tags it may hold and the maximum length of each value. Unknown tags and repeated tags are errors;
 * every error names the object, the element and its tag, and the offset of the element.
 */
final class Elements {
    private final String object;
    private final int end;
    private final Map<Integer, List<Tlv>> byTag = new HashMap<>();
    private final Map<Integer, Integer> offsets = new HashMap<>();

    private Elements(String object, int end) {
        this.object = object;
        this.end = end;
    }

    /** Parses {@code value}; each tag may occur once, except {@code repeatable} (0 for none). */
    static Elements parseRepeating(String object, byte[] value, int repeatable, int... allowed)
            throws DecodeException {
        List<Tlv> list;
        try {
            list = Tlv.parseAll(value);
        } catch (DecodeException e) {
            throw new DecodeException(object + " " + e.field(), e.reason(), e.offset());
        }
        Elements el = new Elements(object, value.length);
        int off = 0;
        for (Tlv t : list) {
            if (!contains(allowed, t.tag())) {
                throw new DecodeException(object, "unknown tag " + hex(t.tag()), off);
            }
            List<Tlv> same = el.byTag.computeIfAbsent(t.tag(), k -> new ArrayList<>());
            if (!same.isEmpty() && t.tag() != repeatable) {
                throw new DecodeException(object, "tag " + hex(t.tag()) + " occurs twice", off);
            }
            same.add(t);
            el.offsets.putIfAbsent(t.tag(), off);
            off += headerLength(value, off) + t.length();
        }
        return el;
    }

    static Elements parse(String object, byte[] value, int... allowed) throws DecodeException {
        return parseRepeating(object, value, 0, allowed);
    }

    /** The value of a mandatory element, its length checked against {@code min..max}. */
    byte[] required(int tag, String name, int min, int max) throws DecodeException {
        byte[] v = optional(tag, name, min, max);
        if (v == null) {
            throw new DecodeException(field(tag, name), "missing", end);
        }
        return v;
    }

    /** The value of an optional element (null when absent), its length checked against {@code min..max}. */
    byte[] optional(int tag, String name, int min, int max) throws DecodeException {
        List<Tlv> same = byTag.get(tag);
        if (same == null) {
            return null;
        }
        byte[] v = same.get(0).value();
        checkLength(tag, name, v, min, max);
        return v;
    }

    /** A mandatory element of exactly {@code length} bytes, or of 0 bytes when {@code orEmpty}. */
    byte[] fixed(int tag, String name, int length, boolean orEmpty) throws DecodeException {
        byte[] v = required(tag, name, orEmpty ? 0 : length, length);
        if (v.length != 0 && v.length != length) {
            throw error(tag, name, v.length + " bytes (expected: " + (orEmpty ? "0 or " : "") + length + ")");
        }
        return v;
    }

    /** A zero-length element (LRC, Card APDUs, ...): absent or empty; the encoder always writes it. */
    void emptyIfPresent(int tag, String name) throws DecodeException {
        optional(tag, name, 0, 0);
    }

    /** Printable ASCII (20..7E), as the "Text (ASCII)" data elements of SP 800-73-4 Part 1 Appendix A. */
    String text(int tag, String name, byte[] v) throws DecodeException {
        if (v == null) {
            return null;
        }
        for (int i = 0; i < v.length; i++) {
            int c = v[i] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                throw new DecodeException(field(tag, name), String.format("byte %02X is not printable ASCII", c),
                        offset(tag) + i);
            }
        }
        return new String(v, StandardCharsets.US_ASCII);
    }

    /** Every occurrence of a repeatable tag, in order. */
    List<Tlv> all(int tag) {
        return byTag.getOrDefault(tag, List.of());
    }

    int offset(int tag) {
        return offsets.getOrDefault(tag, end);
    }

    DecodeException error(int tag, String name, String reason) {
        return new DecodeException(field(tag, name), reason, offset(tag));
    }

    private void checkLength(int tag, String name, byte[] v, int min, int max) throws DecodeException {
        if (v.length < min || v.length > max) {
            String expected = min == max ? String.valueOf(min) : min + ".." + max;
            throw error(tag, name, v.length + " bytes (expected: " + expected + ")");
        }
    }

    private String field(int tag, String name) {
        return object + " " + name + " (" + hex(tag) + ")";
    }

    /** The tag as its bytes in hex: {@code 06}, {@code 5F2F}. */
    static String hex(int tag) {
        return Hex.plain(Tlv.tagBytes(tag));
    }

    private static boolean contains(int[] tags, int tag) {
        for (int t : tags) {
            if (t == tag) {
                return true;
            }
        }
        return false;
    }

    /** Tag and length bytes of the element at {@code off}; only called on input Tlv.parseAll accepted. */
    private static int headerLength(byte[] b, int off) {
        int pos = off;
        if ((b[pos++] & 0x1F) == 0x1F) {
            while ((b[pos++] & 0x80) != 0) {
                // subsequent tag bytes
            }
        }
        int l0 = b[pos] & 0xFF;
        return pos - off + (l0 < 0x80 ? 1 : 1 + (l0 & 0x7F));
    }

    /** Writes elements in the order of the spec table. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer add(int tag, byte[] value) {
            out.writeBytes(new Tlv(tag, value).encode());
            return this;
        }

        Writer add(int tag, int oneByte) {
            return add(tag, new byte[] {(byte) oneByte});
        }

        Writer addIfPresent(int tag, byte[] valueOrNull) {
            return valueOrNull == null ? this : add(tag, valueOrNull);
        }

        Writer addText(int tag, String textOrNull) {
            return textOrNull == null ? this : add(tag, textOrNull.getBytes(StandardCharsets.US_ASCII));
        }

        Writer empty(int tag) {
            return add(tag, new byte[0]);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
