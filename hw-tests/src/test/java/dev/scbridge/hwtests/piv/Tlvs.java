package dev.scbridge.hwtests.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import java.util.List;

/** TLV look-ups that fail the test, not the JVM, on a malformed answer. */
final class Tlvs {
    private Tlvs() {
    }

    /** The value at {@code path}: the first tag is the outer object, each next one a child of the previous. */
    static byte[] value(byte[] encoded, int... path) {
        try {
            List<Tlv> level = Tlv.parseAll(encoded);
            byte[] value = encoded;
            for (int i = 0; i < path.length; i++) {
                Tlv t = Tlv.require(level, path[i], String.format("%X", path[i]));
                value = t.value();
                if (i + 1 < path.length) {
                    level = t.children();
                }
            }
            return value;
        } catch (DecodeException e) {
            throw new AssertionError("malformed answer " + Hex.spaced(encoded) + ": " + e.getMessage(), e);
        }
    }

    static List<Tlv> all(byte[] encoded) {
        try {
            return Tlv.parseAll(encoded);
        } catch (DecodeException e) {
            throw new AssertionError("malformed answer " + Hex.spaced(encoded) + ": " + e.getMessage(), e);
        }
    }
}
