package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusWordTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9000|9000 success",
        "6982|6982 security status not satisfied",
        "63C2|63C2 verification failed, 2 tries left",
        "63C1|63C1 verification failed, 1 try left",
        "63C0|63C0 verification failed, 0 tries left",
        "6983|6983 authentication method blocked",
        "6A82|6A82 file or application not found",
        "6A80|6A80 incorrect parameters in the data field",
        "6100|6100 256 or more bytes available",
        "61D4|61D4 212 more bytes available",
        "6C10|6C10 wrong Le, 16 bytes available",
        "6D00|6D00 instruction code not supported or invalid",
        "6300|6300 warning, non-volatile memory changed",
        "1234|1234 unknown status"})
    void describe_namesTheStatus(String hex, String expected) {
        assertThat(StatusWord.describe(Integer.parseInt(hex, 16))).isEqualTo(expected);
    }

    @Test
    void retriesLeft_readsLowNibble() {
        assertThat(StatusWord.retriesLeft(0x63C2)).isEqualTo(2);
        assertThat(StatusWord.isVerifyFailed(0x63CF)).isTrue();
        assertThat(StatusWord.isVerifyFailed(0x6300)).isFalse();
    }

    @Test
    void retriesLeft_otherWord_fails() {
        assertThatThrownBy(() -> StatusWord.retriesLeft(0x6982)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6982");
    }

    @Test
    void verifyFailed_caps() {
        assertThat(StatusWord.verifyFailed(3)).isEqualTo(0x63C3);
        // More than 15 tries left is reported as 63CF, as a YubiKey does (facts piv.md section 4).
        assertThat(StatusWord.verifyFailed(20)).isEqualTo(0x63CF);
        assertThat(StatusWord.verifyFailed(-1)).isEqualTo(0x63C0);
    }

    @Test
    void bytesRemaining_saturatesAt256() {
        assertThat(StatusWord.bytesRemaining(0xD4)).isEqualTo(0x61D4);
        assertThat(StatusWord.bytesRemaining(256)).isEqualTo(0x6100);
        assertThat(StatusWord.bytesRemaining(980)).isEqualTo(0x6100);
        assertThat(StatusWord.hasMoreData(0x6100)).isTrue();
        assertThat(StatusWord.hasMoreData(0x9000)).isFalse();
    }

    @Test
    void sw1sw2_split() {
        assertThat(StatusWord.sw1(0x6A82)).isEqualTo(0x6A);
        assertThat(StatusWord.sw2(0x6A82)).isEqualTo(0x82);
        assertThat(StatusWord.isSuccess(0x9000)).isTrue();
        assertThat(StatusWord.hex(0x9000)).isEqualTo("9000");
    }
}
