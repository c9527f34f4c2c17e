package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input gets a status word, never an exception (issue: unknown INS 6D00, P1/P2 6A86, length 6700, data 6A80). */
class ErrorPathsTest {
    private final CardSession s = CardSession.fresh();

    @Test
    void unknownInstruction_is6D00() {
        assertThat(s.sw("00 B0 00 00 00")).isEqualTo(0x6D00);
        assertThat(s.sw("00 01 10 00")).isEqualTo(0x6D00); // the OTP applet probe yubico-piv-tool sends
    }

    @Test
    void badClass_is6E00() {
        assertThat(s.sw("80 CB 3F FF 05 5C 03 5F C1 02")).isEqualTo(0x6E00);
        assertThat(s.sw("0C A4 04 00 05 A0 00 00 03 08")).isEqualTo(0x6E00);
        assertThat(s.sw("FF CB 3F FF")).isEqualTo(0x6E00);
    }

    @Test
    void malformedLength_is6700() {
        assertThat(s.sw("00 CB 3F FF 05 5C 03")).isEqualTo(0x6700);
        assertThat(s.sw("00 CB")).isEqualTo(0x6700);
        assertThat(s.raw(new byte[0]).sw()).isEqualTo(0x6700);
        assertThat(s.sw("00 CB 3F FF 00 00")).isEqualTo(0x6700);
        assertThat(s.sw("00 FD 00 00 02 01 02")).isEqualTo(0x6700);
    }

    @Test
    void wrongParameters_is6A86() {
        assertThat(s.sw("00 A4 00 00 05 A0 00 00 03 08")).isEqualTo(0x6A86);
        assertThat(s.sw("00 47 01 9A 05 AC 03 80 01 11")).isEqualTo(0x6A86);
        assertThat(s.sw("00 47 00 9B 05 AC 03 80 01 11")).isEqualTo(0x6A86);
        assertThat(s.sw("00 87 11 42 04 7C 02 81 00")).isEqualTo(0x6A86);
        assertThat(s.sw("00 FD 01 00")).isEqualTo(0x6A86);
        assertThat(s.sw("00 C0 01 00")).isEqualTo(0x6A86);
    }

    @Test
    void unknownAid_is6A82_andPivStaysSelected() {
        s.verifyPin("123456");
        assertThat(s.sw("00 A4 04 00 08 A0 00 00 05 27 47 11 17")).isEqualTo(0x6A82);
        assertThat(s.sw("00 A4 04 00 04 A0 00 00 03")).isEqualTo(0x6A82);
        assertThat(s.sw("00 20 00 80 00")).isEqualTo(0x9000);
    }

    @Test
    void fiveByteRidAndFullAid_select() {
        assertThat(s.sw("00 A4 04 00 05 A0 00 00 03 08")).isEqualTo(0x9000);
        assertThat(s.sw("00 A4 04 00 0B A0 00 00 03 08 00 00 10 00 01 00 00")).isEqualTo(0x9000);
        assertThat(s.raw("00 A4 04 0C 05 A0 00 00 03 08").data()).isEmpty();
    }

    @Test
    void getResponseWithNothingPending_is6A80() {
        // Yubico .NET SDK auth-sign.md trace
        assertThat(s.sw("00 C0 00 00")).isEqualTo(0x6A80);
    }

    @Test
    void versionAndSerial() {
        assertThat(Hex.spaced(s.raw("00 FD 00 00").encode())).isEqualTo("05 07 01 90 00");
        assertThat(Hex.spaced(s.raw("00 F8 00 00 00").encode())).isEqualTo("00 BC 61 4E 90 00");
    }

    @Test
    void interruptedChain_isDropped() {
        assertThat(s.sw("10 DB 3F FF 03 5C 03 5F")).isEqualTo(0x9000);
        assertThat(Hex.spaced(s.raw("00 FD 00 00").encode())).isEqualTo("05 07 01 90 00");
        assertThat(s.sw("00 DB 3F FF 03 C1 07 53")).isEqualTo(0x6982);
    }

    @Test
    void randomApdus_neverThrowAndAlwaysAnswerAStatusWord() {
        Random r = new Random(7);
        PivCard card = s.card;
        for (int i = 0; i < 20_000; i++) {
            byte[] apdu = new byte[r.nextInt(300)];
            r.nextBytes(apdu);
            if (apdu.length > 1 && r.nextBoolean()) {
                apdu[0] = (byte) (r.nextBoolean() ? 0x00 : 0x10);
                int[] ins = {0xA4, 0xCB, 0xDB, 0x20, 0x24, 0x2C, 0x87, 0x47, 0xC0, 0xFF, 0xFE, 0xFD, 0xFB, 0xFA,
                    0xF9, 0xF8, 0xF7, 0xF6};
                apdu[1] = (byte) ins[r.nextInt(ins.length)];
            }
            byte[] response = card.transmit(apdu);
            assertThat(response.length).isBetween(2, 4096);
        }
    }
}
