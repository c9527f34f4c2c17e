package dev.scbridge.apdu.fuzz;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The property every decoder fuzz target checks: decoding either succeeds or throws DecodeException (anything else
 * escapes and is a finding), and whatever decodes re-encodes to bytes that decode to an equal value and re-encode
 * to the same bytes.
 */
final class RoundTrip {
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] bytes) throws DecodeException;
    }

    private RoundTrip() {
    }

    /** Returns the decoded value, or null when the input was rejected with a DecodeException. */
    static <T> T check(byte[] input, Decoder<T> decoder, Function<T, byte[]> encoder) {
        T value;
        try {
            value = decoder.decode(input);
        } catch (DecodeException rejected) {
            return null;
        }
        byte[] encoded = encoder.apply(value);
        T again;
        try {
            again = decoder.decode(encoded);
        } catch (DecodeException e) {
            throw new AssertionError("re-encoded value does not decode: " + e.getMessage(), e);
        }
        if (!again.equals(value)) {
            throw new AssertionError("decode(encode(x)) != x: " + value + " vs " + again);
        }
        if (!Arrays.equals(encoder.apply(again), encoded)) {
            throw new AssertionError("encoding is not stable for " + value);
        }
        return value;
    }
}
