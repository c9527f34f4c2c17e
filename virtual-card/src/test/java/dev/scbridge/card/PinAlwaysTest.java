package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PIN Always (9C): the VERIFY must be the APDU immediately before the GENERAL AUTHENTICATE; any other APDU voids it,
 * only the pieces of that GENERAL AUTHENTICATE do not (facts/piv.md 8: PivApplet locks on the 2nd non-VERIFY APDU,
 * yubico-piv-tool de-authenticates with an arbitrary command). A stray chain piece of another command, or a
 * GENERAL AUTHENTICATE with another key, used to leave it standing.
 */
class PinAlwaysTest {
    private final CardSession s = CardSession.fresh();
    private final byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, new byte[32])).encode();

    @BeforeEach
    void keysIn9cAnd9e() {
        s.authenticateDefault();
        assertThat(s.send(new CommandApdu(0, 0x47, 0, 0x9C, Hex.decode("AC 03 80 01 11"), 256)).sw()).isEqualTo(0x9000);
        assertThat(s.send(new CommandApdu(0, 0x47, 0, 0x9E, Hex.decode("AC 03 80 01 11"), 256)).sw()).isEqualTo(0x9000);
    }

    private ResponseApdu sign(int slot) {
        return s.send(new CommandApdu(0, 0x87, 0x11, slot, template, 256));
    }

    @Test
    void strayPieceOfAnotherChain_voidsIt() {
        s.verifyPin("123456");
        assertThat(s.sw("10 DB 3F FF 03 5C 03 5F")).isEqualTo(0x9000);
        assertThat(sign(0x9C).sw()).isEqualTo(0x6982);
    }

    @Test
    void authenticateWithAnotherKey_voidsIt() {
        s.verifyPin("123456");
        assertThat(sign(0x9E).sw()).isEqualTo(0x9000);
        assertThat(sign(0x9C).sw()).isEqualTo(0x6982);
    }

    @Test
    void piecesOfTheAuthenticateItself_keepIt() {
        s.verifyPin("123456");
        assertThat(s.raw(new CommandApdu(0x10, 0x87, 0x11, 0x9C, java.util.Arrays.copyOf(template, 20)).encode()).sw())
                .isEqualTo(0x9000);
        ResponseApdu r = s.raw(new CommandApdu(0x00, 0x87, 0x11, 0x9C,
                java.util.Arrays.copyOfRange(template, 20, template.length), 256).encode());
        assertThat(r.sw()).isEqualTo(0x9000);
    }

    @Test
    void aStatusQueryVerify_keepsIt() {
        s.verifyPin("123456");
        assertThat(s.sw("00 20 00 80")).isEqualTo(0x9000);
        assertThat(sign(0x9C).sw()).isEqualTo(0x9000);
    }
}
