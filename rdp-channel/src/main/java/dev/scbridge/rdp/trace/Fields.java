package dev.scbridge.rdp.trace;

import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts of a block's {@code fields:} lines, in order, duplicates kept (a reader-state list repeats
 * {@code cur=}). Lookups take the first field whose key {@linkplain Field#matches matches}. Typed accessors throw
 * {@link NoSuchElementException} for a missing key and {@link IllegalArgumentException} for a value of another
 * shape, both naming the key and the raw text.
 */
public record Fields(List<Field> entries) {
    private static final Pattern REPEAT = Pattern.compile("(\\d+)x([0-9A-Fa-f]{2})");
    private static final Pattern BRACED_BYTE = Pattern.compile("0[xX]([0-9A-Fa-f]{1,2})");

    public Fields {
        entries = List.copyOf(entries);
    }

    public Optional<Field> find(String key) {
        return entries.stream().filter(f -> !f.key().isEmpty() && f.matches(key)).findFirst();
    }

    public List<Field> all(String key) {
        return entries.stream().filter(f -> !f.key().isEmpty() && f.matches(key)).toList();
    }

    public boolean has(String key) {
        return find(key).isPresent();
    }

    public Field get(String key) {
        return find(key).orElseThrow(() -> new NoSuchElementException("no field " + key + " in " + keys()));
    }

    /** The quoted strings that stand alone, e.g. the reader names of a GetStatusChange call, in order. */
    public List<String> bareStrings() {
        return entries.stream().filter(f -> f.key().isEmpty()).map(Field::raw).toList();
    }

    public List<String> keys() {
        return entries.stream().map(Field::key).filter(k -> !k.isEmpty()).toList();
    }

    /** Decimal or {@code 0x} hex, up to 0xFFFFFFFF, returned as its 32-bit pattern. */
    public int intValue(String key) {
        long v = longValue(key);
        if (v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(key + "=" + get(key).raw() + " does not fit in 32 bits");
        }
        return (int) v;
    }

    public long longValue(String key) {
        return parseNumber(key, get(key).raw());
    }

    public List<Long> longValues(String key) {
        return all(key).stream().map(f -> parseNumber(key, f.raw())).toList();
    }

    /** The value as written; quoted strings without their quotes, verbatim (no escape processing). */
    public String stringValue(String key) {
        return get(key).raw();
    }

    /** {@link #stringValue} with each literal {@code \0} turned into a NUL character (multi-strings). */
    public String nulTerminatedString(String key) {
        return stringValue(key).replace("\\0", "\0");
    }

    /** Hex bytes written as {@code 00 A4 04}, {@code {0x00,0x01}}, {@code 20x00} (20 zero bytes) or one pair. */
    public byte[] hexValue(String key) {
        return parseHex(key, get(key));
    }

    static long parseNumber(String key, String raw) {
        try {
            long v = raw.startsWith("0x") || raw.startsWith("0X") ? Long.parseLong(raw.substring(2), 16)
                    : Long.parseLong(raw);
            if (v < 0) {
                throw new NumberFormatException("negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + raw + " is not a number", e);
        }
    }

    static byte[] parseHex(String key, Field f) {
        String raw = f.raw();
        switch (f.kind()) {
            case HEX_BYTES:
                return HexFormat.of().parseHex(raw.replace(" ", ""));
            case BRACED: {
                String inner = raw.substring(1, raw.length() - 1).strip();
                String[] parts = inner.isEmpty() ? new String[0] : inner.split("\\s*,\\s*");
                byte[] out = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    Matcher m = BRACED_BYTE.matcher(parts[i]);
                    if (!m.matches()) {
                        throw new IllegalArgumentException(key + "=" + raw + ": not a byte: " + parts[i]);
                    }
                    out[i] = (byte) Integer.parseInt(m.group(1), 16);
                }
                return out;
            }
            default: {
                Matcher m = REPEAT.matcher(raw);
                if (m.matches()) {
                    int count = Integer.parseInt(m.group(1));
                    byte[] out = new byte[count];
                    java.util.Arrays.fill(out, (byte) Integer.parseInt(m.group(2), 16));
                    return out;
                }
                if (raw.matches("[0-9A-Fa-f]{2}")) {
                    return new byte[] {(byte) Integer.parseInt(raw, 16)};
                }
                throw new IllegalArgumentException(key + "=" + raw + " is not a hex byte string");
            }
        }
    }
}
