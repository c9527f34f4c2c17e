package dev.scbridge.apdu.piv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;

/** Test helpers: one (value, bytes) pair checks decode and encode together; one call checks a named rejection. */
final class Codec {
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] bytes) throws DecodeException;
    }

    private Codec() {
    }

    /** {@code decode(bytes)} equals {@code expected} and {@code expected.encode()} gives {@code bytes} back. */
    static <T extends PivDataObject> void assertRoundTrip(String hex, Decoder<T> decoder, T expected)
            throws DecodeException {
        byte[] bytes = Hex.decode(hex);
        assertThat(decoder.decode(bytes)).isEqualTo(expected);
        assertThat(Hex.spaced(expected.encode())).isEqualTo(Hex.spaced(bytes));
    }

    /** Decoding fails with a DecodeException whose field contains {@code field}. */
    static void assertRejects(String hex, Decoder<?> decoder, String field) {
        assertThatThrownBy(() -> decoder.decode(Hex.decode(hex)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.field()).contains(field));
    }

    /** The content of the 53 wrapper of a GET DATA R-APDU. */
    static byte[] unwrap53(byte[] rapdu) throws DecodeException {
        Tlv t = Tlv.parseSingle(ResponseApdu.parse(rapdu).data());
        assertThat(t.tag()).isEqualTo(0x53);
        return t.value();
    }
}
