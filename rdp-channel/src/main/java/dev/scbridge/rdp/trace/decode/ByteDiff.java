package dev.scbridge.rdp.trace.decode;

import dev.scbridge.apdu.Hex;
import java.util.Arrays;
import java.util.Optional;

/** Where two byte strings first differ, described for a person reading a decode report. */
public final class ByteDiff {
    /** Bytes of context shown on each side of the first difference. */
    private static final int WINDOW = 8;

    private ByteDiff() {
    }

    /** Empty if equal, else e.g. {@code "first difference at offset 12 of 56/60 bytes: 0A 0B .. vs 0A 0C .."}. */
    public static Optional<String> describe(byte[] original, byte[] reencoded) {
        int at = Arrays.mismatch(original, reencoded);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of("original " + original.length + " bytes, re-encoded " + reencoded.length
                + " bytes, first difference at offset " + at + " (0x" + Integer.toHexString(at).toUpperCase()
                + "): original [" + window(original, at) + "] re-encoded [" + window(reencoded, at) + "]");
    }

    private static String window(byte[] b, int at) {
        if (at >= b.length) {
            return "end";
        }
        return Hex.spaced(Arrays.copyOfRange(b, at, Math.min(b.length, at + WINDOW)))
                + (at + WINDOW < b.length ? " .." : "");
    }
}
