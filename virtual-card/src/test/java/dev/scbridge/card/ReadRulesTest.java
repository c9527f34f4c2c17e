package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import org.junit.jupiter.api.Test;

/**
 * GET DATA read rules of a YubiKey (Yubico .NET SDK get-and-put-data, piv-objects; facts/piv.md 7): exactly 5FC103,
 * 5FC108, 5FC109 and 5FC121 need the PIN. The pairing code 5FC123 ("PIN or OCC" in SP 800-73-4) is free to read, as
 * docs/virtual-card.md says; the card asked for the PIN.
 */
class ReadRulesTest {
    private final CardSession s = CardSession.fresh();

    private void put(String id) {
        s.authenticateDefault();
        byte[] data = Hex.decode("5C 03 " + id + " 53 01 42");
        assertThat(s.send(new CommandApdu(0, 0xDB, 0x3F, 0xFF, data)).sw()).isEqualTo(0x9000);
        s.card.reset();
    }

    @Test
    void pairingCode_isReadWithoutThePin() {
        put("5F C1 23");
        assertThat(Hex.spaced(s.raw("00 CB 3F FF 05 5C 03 5F C1 23 00").encode())).isEqualTo("53 01 42 90 00");
    }

    @Test
    void pinProtectedObjects_needThePin() {
        for (String id : new String[] {"5F C1 03", "5F C1 08", "5F C1 09", "5F C1 21"}) {
            put(id);
            assertThat(s.sw("00 CB 3F FF 05 5C 03 " + id + " 00")).as(id).isEqualTo(0x6982);
            s.verifyPin("123456");
            assertThat(s.sw("00 CB 3F FF 05 5C 03 " + id + " 00")).as(id).isEqualTo(0x9000);
        }
    }
}
