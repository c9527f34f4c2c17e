package dev.scbridge.apdu.piv;

import java.util.Arrays;
import java.util.Optional;

/** Argument checks for the compact constructors of the PIV data objects: caller bugs are IllegalArgumentException. */
final class Args {
    private Args() {
    }

    /** A defensive copy of a mandatory array whose length must be in {@code min..max}. */
    static byte[] bytes(byte[] v, String name, int min, int max) {
        if (v == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return optionalBytes(v, name, min, max);
    }

    /** Like {@link #bytes} but null (absent) is allowed and kept. */
    static byte[] optionalBytes(byte[] v, String name, int min, int max) {
        if (v == null) {
            return null;
        }
        if (v.length < min || v.length > max) {
            throw new IllegalArgumentException(name + " is " + v.length + " bytes (expected: "
                    + (min == max ? String.valueOf(min) : min + ".." + max) + ")");
        }
        return v.clone();
    }

    /** A length that must be one of {@code lengths}. */
    static byte[] bytesOf(byte[] v, String name, int... lengths) {
        byte[] c = bytes(v, name, 0, Integer.MAX_VALUE);
        for (int l : lengths) {
            if (c.length == l) {
                return c;
            }
        }
        throw new IllegalArgumentException(name + " is " + c.length + " bytes (expected: "
                + Arrays.toString(lengths) + ")");
    }

    /** Printable ASCII of {@code min..max} characters (the "Text (ASCII)" elements). */
    static String text(String s, String name, int min, int max) {
        if (s == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (s.length() < min || s.length() > max) {
            throw new IllegalArgumentException(name + " is " + s.length() + " characters (expected: "
                    + (min == max ? String.valueOf(min) : min + ".." + max) + ")");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(name + " has a character outside printable ASCII at " + i);
            }
        }
        return s;
    }

    static Optional<String> optionalText(Optional<String> s, String name, int min, int max) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text(s.get(), name, min, max));
    }

    static int range(int v, String name, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " " + v + " out of range " + min + ".." + max);
        }
        return v;
    }

    static byte[] copy(byte[] v) {
        return v == null ? null : v.clone();
    }
}
