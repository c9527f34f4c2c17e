package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseApduTest {
    /** Every R-APDU in shared/vectors/piv-apdus.txt parses and re-encodes to the same bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.scbridge.apdu.PivApduVectors#responses")
    void realVector_reencodesIdentically(PivApduVectors.Vector v) throws DecodeException {
        ResponseApdu r = ResponseApdu.parse(v.bytes());
        assertThat(r.length()).isEqualTo(v.bytes().length - 2);
        assertThat(r.encode()).isEqualTo(v.bytes());
    }

    @Test
    void parse_splitsDataAndStatus() throws DecodeException {
        // YubiKey GET VERSION answer, piv-apdus.txt line 55: firmware 5.2.4
        ResponseApdu r = ResponseApdu.parse(Hex.decode("05 02 04 90 00"));
        assertThat(r.data()).containsExactly(5, 2, 4);
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(r.sw1()).isEqualTo(0x90);
        assertThat(r.sw2()).isZero();
        assertThat(r.isSuccess()).isTrue();
    }

    @Test
    void statusOnly_hasNoData() throws DecodeException {
        // piv-apdus.txt line 94: 69 82
        ResponseApdu r = ResponseApdu.parse(Hex.decode("69 82"));
        assertThat(r.length()).isZero();
        assertThat(r.isSuccess()).isFalse();
        assertThat(r).isEqualTo(new ResponseApdu(0x6982));
    }

    @Test
    void shorterThanStatusWord_fails() {
        for (int n = 0; n < 2; n++) {
            byte[] bytes = new byte[n];
            assertThatThrownBy(() -> ResponseApdu.parse(bytes))
                    .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.field()).isEqualTo("SW"));
        }
    }

    @Test
    void statusWordOutOfRange_fails() {
        assertThatThrownBy(() -> new ResponseApdu(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResponseApdu(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toString_hidesData() {
        ResponseApdu r = new ResponseApdu(Hex.decode("DE AD BE EF"), 0x9000);
        assertThat(r.toString()).isEqualTo("ResponseApdu[4 bytes, 9000 success]").doesNotContain("DE");
    }
}
