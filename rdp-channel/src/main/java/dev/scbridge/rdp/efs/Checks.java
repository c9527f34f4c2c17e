package dev.scbridge.rdp.efs;

/** Argument checks shared by the compact constructors of this package. */
final class Checks {
    private Checks() {
    }

    static int u16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " must fit in 16 bits: " + value);
        }
        return value;
    }

    static byte[] copy(String field, byte[] value) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        return value.clone();
    }

    static byte[] exact(String field, byte[] value, int length) {
        byte[] copy = copy(field, value);
        if (copy.length != length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes: " + copy.length);
        }
        return copy;
    }

    static byte[] atMost(String field, byte[] value, int max) {
        byte[] copy = copy(field, value);
        if (copy.length > max) {
            throw new IllegalArgumentException(field + " is " + copy.length + " bytes (maximum: " + max + ")");
        }
        return copy;
    }
}
