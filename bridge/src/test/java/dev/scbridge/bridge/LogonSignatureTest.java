package dev.scbridge.bridge;

import dev.scbridge.apdu.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogonSignatureTest {
    /** SHA-1 digest EE6D...728F from the recorded logon's first signature (windows-logon-trace.txt step 2176). */
    private static final String DIGEST = "EE 6D 4B 51 32 30 B8 5B 5C 01 55 1E 1E 72 50 CF 4E C4 72 8F";

    @Test
    void pkcs1Block_isLaidOutAsWindowsSendsIt() {
        byte[] block = LogonSignature.pkcs1Type1(
                Hex.decode("30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14 " + DIGEST), 256);
        assertThat(block).hasSize(256);
        String hex = Hex.spaced(block);
        // Steps 2161 + 2176: 00 01, 218 x FF, 00, DigestInfo(SHA-1).
        assertThat(hex).isEqualTo("00 01 " + "FF ".repeat(218) + "00 30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14 "
                + DIGEST);
    }

    @Test
    void pkcs1Block_needsElevenBytesOfOverhead() {
        assertThatThrownBy(() -> LogonSignature.pkcs1Type1(new byte[35], 45))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LogonSignature.pkcs1Type1(new byte[35], 46)).startsWith(0x00, 0x01, 0xFF);
    }

    @Test
    void rsaSizes_mapToPivAlgorithms() throws Exception {
        assertThat(LogonSignature.rsaAlgorithm(2048).code()).isEqualTo(0x07);
        assertThat(LogonSignature.rsaAlgorithm(3072).code()).isEqualTo(0x05);
        assertThatThrownBy(() -> LogonSignature.rsaAlgorithm(2047)).isInstanceOf(LogonFailedException.class);
    }
}
