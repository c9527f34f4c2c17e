package dev.scbridge.apdu;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One BER-TLV data object, ISO/IEC 7816-4 section 6.3 (the encoding PIV uses, SP 800-73-4 Part 1 and 2).
 *
 * <pre>
 *  tag     1..3 bytes: low 5 bits 11111 in the first byte means more tag bytes follow,
 *          each with b8 set except the last (5F C1 02 is a tag-like object id; 7F 49, 5F 2F are tags)
 *  length  00..7F short form; 81 xx; 82 xx xx; 83 xx xx xx (long form, definite only)
 *  value   length bytes; when the tag is constructed (b6 of the first tag byte) the value is itself TLVs
 * </pre>
 *
 * Decoding is strict: indefinite length (80), a length field of more than {@link #MAX_LENGTH_BYTES} bytes, a value
 * longer than {@link #MAX_VALUE_LENGTH}, a value running past the input and trailing bytes are all rejected with a
 * {@link DecodeException} naming the field and offset.
 *
 * @param tag the tag bytes as a big-endian int, e.g. {@code 0x7F49}
 */
public record Tlv(int tag, byte[] value) {
    /** Tags of more than 3 bytes do not occur in ISO/IEC 7816 or PIV. */
    public static final int MAX_TAG_BYTES = 3;
    /** 83 xx xx xx: the longest length form accepted (ISO/IEC 7816-4 allows up to 84 but no PIV object needs it). */
    public static final int MAX_LENGTH_BYTES = 3;
    /** No PIV value exceeds what one extended APDU carries (SP 800-73-4 Part 2; ISO/IEC 7816-4 5.1). */
    public static final int MAX_VALUE_LENGTH = 65_535;

    public Tlv {
        if (!isWellFormedTag(tag)) {
            throw new IllegalArgumentException("tag " + Integer.toHexString(tag).toUpperCase()
                    + " is not a well-formed BER tag of 1.." + MAX_TAG_BYTES + " bytes");
        }
        value = value == null ? new byte[0] : value.clone();
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value is " + value.length + " bytes (max " + MAX_VALUE_LENGTH + ")");
        }
    }

    /** A constructed object whose value is the concatenation of {@code children}. */
    public static Tlv of(int tag, Tlv... children) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Tlv c : children) {
            out.writeBytes(c.encode());
        }
        return new Tlv(tag, out.toByteArray());
    }

    /** A constructed object from a list of children. */
    public static Tlv of(int tag, List<Tlv> children) {
        return of(tag, children.toArray(new Tlv[0]));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** b6 of the first tag byte: the value is a sequence of TLVs. */
    public boolean isConstructed() {
        return (firstTagByte(tag) & 0x20) != 0;
    }

    /** Decodes the value as a sequence of TLVs. */
    public List<Tlv> children() throws DecodeException {
        return parseAll(value);
    }

    public byte[] encode() {
        byte[] t = tagBytes(tag);
        byte[] l = lengthBytes(value.length);
        byte[] out = new byte[t.length + l.length + value.length];
        System.arraycopy(t, 0, out, 0, t.length);
        System.arraycopy(l, 0, out, t.length, l.length);
        System.arraycopy(value, 0, out, t.length + l.length, value.length);
        return out;
    }

    /** Encoded size: tag + length + value. */
    public int size() {
        return tagBytes(tag).length + lengthBytes(value.length).length + value.length;
    }

    /** Shortest definite length encoding. */
    public static byte[] lengthBytes(int length) {
        if (length < 0 || length > 0xFFFFFF) {
            throw new IllegalArgumentException("length " + length + " out of range");
        }
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length <= 0xFF) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length <= 0xFFFF) {
            return new byte[] {(byte) 0x82, (byte) (length >>> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    public static byte[] tagBytes(int tag) {
        if (tag > 0xFFFF) {
            return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 8), (byte) tag};
        }
        if (tag > 0xFF) {
            return new byte[] {(byte) (tag >>> 8), (byte) tag};
        }
        return new byte[] {(byte) tag};
    }

    /**
     * True when {@code tag} is exactly what {@link #parseAll} can read back: one byte whose low 5 bits are not
     * 11111, or a first byte with low bits 11111 (not FF) followed by bytes with b8 set on all but the last.
     */
    public static boolean isWellFormedTag(int tag) {
        if (tag <= 0 || tag > 0xFFFFFF) {
            return false;
        }
        byte[] b = tagBytes(tag);
        int first = b[0] & 0xFF;
        if (b.length == 1) {
            return (first & 0x1F) != 0x1F;
        }
        if ((first & 0x1F) != 0x1F || first == 0xFF) {
            return false;
        }
        for (int i = 1; i < b.length; i++) {
            boolean more = (b[i] & 0x80) != 0;
            if (more != (i < b.length - 1)) {
                return false;
            }
        }
        return true;
    }

    private static int firstTagByte(int tag) {
        return tag > 0xFFFF ? tag >>> 16 : tag > 0xFF ? tag >>> 8 : tag;
    }

    /** Decodes exactly one TLV that fills {@code bytes}: trailing bytes are an error. */
    public static Tlv parseSingle(byte[] bytes) throws DecodeException {
        Reader r = new Reader(bytes, 0, bytes.length);
        Tlv t = r.next();
        if (r.pos != bytes.length) {
            throw new DecodeException("tlv", (bytes.length - r.pos) + " trailing bytes after tag "
                    + Integer.toHexString(t.tag).toUpperCase(), r.pos);
        }
        return t;
    }

    /** Decodes a sequence of TLVs that fills {@code bytes} exactly. */
    public static List<Tlv> parseAll(byte[] bytes) throws DecodeException {
        return parseAll(bytes, 0, bytes.length);
    }

    /** Decodes a sequence of TLVs filling {@code bytes[off, off+len)} exactly; offsets in errors are absolute. */
    public static List<Tlv> parseAll(byte[] bytes, int off, int len) throws DecodeException {
        if (off < 0 || len < 0 || len > bytes.length - off) {
            throw new IllegalArgumentException("range " + off + "+" + len + " outside " + bytes.length + " bytes");
        }
        Reader r = new Reader(bytes, off, off + len);
        List<Tlv> out = new ArrayList<>();
        while (r.pos < r.end) {
            out.add(r.next());
        }
        return Collections.unmodifiableList(out);
    }

    /** The first object with {@code tag}, if any. */
    public static Optional<Tlv> find(List<Tlv> tlvs, int tag) {
        for (Tlv t : tlvs) {
            if (t.tag == tag) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The first object with {@code tag}, or a DecodeException naming {@code field}. */
    public static Tlv require(List<Tlv> tlvs, int tag, String field) throws DecodeException {
        Optional<Tlv> t = find(tlvs, tag);
        if (t.isEmpty()) {
            throw new DecodeException(field, "tag " + Integer.toHexString(tag).toUpperCase() + " missing", 0);
        }
        return t.get();
    }

    private static final class Reader {
        private final byte[] buf;
        private final int end;
        private int pos;

        Reader(byte[] buf, int start, int end) {
            this.buf = buf;
            this.pos = start;
            this.end = end;
        }

        Tlv next() throws DecodeException {
            int start = pos;
            if (pos >= end) {
                throw new DecodeException("tag", "input ends where a tag was expected", pos);
            }
            int first = buf[pos++] & 0xFF;
            if (first == 0x00 || first == 0xFF) {
                throw new DecodeException("tag", String.format("%02X is padding, not a tag", first), start);
            }
            int tag = first;
            if ((first & 0x1F) == 0x1F) {
                int count = 1;
                int b;
                do {
                    if (pos >= end) {
                        throw new DecodeException("tag", "multi-byte tag truncated", start);
                    }
                    if (++count > MAX_TAG_BYTES) {
                        throw new DecodeException("tag", "tag longer than " + MAX_TAG_BYTES + " bytes", start);
                    }
                    b = buf[pos++] & 0xFF;
                    tag = (tag << 8) | b;
                } while ((b & 0x80) != 0);
            }
            int lenAt = pos;
            if (pos >= end) {
                throw new DecodeException("length", "input ends where a length was expected", lenAt);
            }
            int l0 = buf[pos++] & 0xFF;
            int length;
            if (l0 < 0x80) {
                length = l0;
            } else if (l0 == 0x80) {
                throw new DecodeException("length", "indefinite length (80) is not allowed", lenAt);
            } else {
                int n = l0 & 0x7F;
                if (n > MAX_LENGTH_BYTES) {
                    throw new DecodeException("length", "length field of " + n + " bytes (max "
                            + MAX_LENGTH_BYTES + ")", lenAt);
                }
                if (end - pos < n) {
                    throw new DecodeException("length", "length field truncated: " + (end - pos)
                            + " of " + n + " bytes", lenAt);
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (buf[pos++] & 0xFF);
                }
            }
            if (length > MAX_VALUE_LENGTH) {
                throw new DecodeException("length", "value length " + length + " exceeds max "
                        + MAX_VALUE_LENGTH, lenAt);
            }
            if (end - pos < length) {
                throw new DecodeException("value", "value truncated: " + (end - pos) + " bytes (expected: "
                        + length + " bytes)", pos);
            }
            byte[] v = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return new Tlv(tag, v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return tag * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Tlv[" + Integer.toHexString(tag).toUpperCase() + ", " + value.length + " bytes]";
    }
}
