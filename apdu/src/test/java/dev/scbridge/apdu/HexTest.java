package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void formats() {
        byte[] b = {0x00, (byte) 0xA4, 0x04, 0x00};
        assertThat(Hex.spaced(b)).isEqualTo("00 A4 04 00");
        assertThat(Hex.plain(b)).isEqualTo("00A40400");
    }

    @Test
    void decode_acceptsSpacesColonsAndCase() {
        assertThat(Hex.decode("00 a4:04\n00")).containsExactly(0x00, 0xA4, 0x04, 0x00);
        assertThat(Hex.decode("")).isEmpty();
    }

    @Test
    void decode_oddOrNonHex_fails() {
        assertThatThrownBy(() -> Hex.decode("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0G")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodeException_carriesFieldReasonOffset() {
        DecodeException e = new DecodeException("Lc", "short Lc 9 does not match", 4);
        assertThat(e.field()).isEqualTo("Lc");
        assertThat(e.reason()).isEqualTo("short Lc 9 does not match");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("Lc: short Lc 9 does not match (at offset 4)");
    }
}
