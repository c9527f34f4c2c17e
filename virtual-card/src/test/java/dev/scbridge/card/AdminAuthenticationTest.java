package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import javax.crypto.Cipher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** 9B challenge-response (SP 800-73-4 Part 2 Appendix A; Yubico .NET SDK auth-mgmt.md traces). */
class AdminAuthenticationTest {
    private final CardSession s = CardSession.fresh();

    @Test
    void defaultKeyMutualAuthentication_unlocksPutData() {
        assertThat(s.sw("00 DB 3F FF 09 5C 03 5F C1 09 53 02 01 00")).isEqualTo(0x6982);
        s.authenticateDefault();
        assertThat(s.sw("00 DB 3F FF 09 5C 03 5F C1 09 53 02 01 00")).isEqualTo(0x9000);
    }

    @ParameterizedTest
    @EnumSource(value = PivAlgorithm.class, names = {"TDES", "AES128", "AES192", "AES256"})
    void setManagementKeyThenAuthenticateWithIt(PivAlgorithm alg) {
        s.authenticateDefault();
        byte[] key = new byte[alg.keyLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x20 + i);
        }
        byte[] data = new byte[3 + key.length];
        data[0] = (byte) alg.code();
        data[1] = (byte) 0x9B;
        data[2] = (byte) key.length;
        System.arraycopy(key, 0, data, 3, key.length);
        assertThat(s.send(new CommandApdu(0, 0xFF, 0xFF, 0xFF, data)).sw()).isEqualTo(0x9000);
        s.card.reset();
        s.authenticate(alg, key);
        assertThat(s.raw("00 F7 00 9B").data()).isEqualTo(Hex.decode("01 01 " + String.format("%02X", alg.code())
                + " 02 02 00 01 05 01 00"));
    }

    @Test
    void metadataOfDefaultManagementKey() {
        assertThat(Hex.spaced(s.raw("00 F7 00 9B").encode())).isEqualTo("01 01 03 02 02 00 01 05 01 01 90 00");
    }

    @Test
    void externalAuthentication_withP1Zero_asOpenScSends() {
        ResponseApdu challenge = s.raw("00 87 00 9B 04 7C 02 81 00");
        assertThat(challenge.sw()).isEqualTo(0x9000);
        assertThat(challenge.data()).hasSize(12);
        byte[] c = CardSession.tlvValue(challenge.data(), 0x81);
        byte[] response = CardSession.ecb(PivAlgorithm.TDES, CardSession.DEFAULT_MGMT, Cipher.ENCRYPT_MODE, c);
        assertThat(s.send(new CommandApdu(0, 0x87, 0x03, 0x9B, Tlv.of(0x7C, new Tlv(0x82, response)).encode()))
                .sw()).isEqualTo(0x9000);
        assertThat(s.sw("00 DB 3F FF 09 5C 03 5F C1 09 53 02 01 00")).isEqualTo(0x9000);
    }

    @Test
    void externalAuthenticationWithWrongResponse_is6982() {
        // Yubico .NET SDK auth-mgmt.md: wrong response -> 69 82
        s.raw("00 87 00 9B 04 7C 02 81 00");
        assertThat(s.sw("00 87 00 9B 0C 7C 0A 82 08 83 50 D1 81 4C 72 BA 09")).isEqualTo(0x6982);
    }

    @Test
    void mutualAuthenticationWithWrongWitness_is6982() {
        // Yubico .NET SDK auth-mgmt.md: witness step then a wrong decrypted witness -> 69 82
        assertThat(s.raw("00 87 03 9B 04 7C 02 80 00").data()).hasSize(12);
        assertThat(s.sw("00 87 03 9B 18 7C 16 80 08 83 50 D1 81 4C 72 BA 09 81 08 11 22 33 44 55 66 77 88 82 00"))
                .isEqualTo(0x6982);
    }

    @Test
    void secondStepWithoutFirst_is6982() {
        assertThat(s.sw("00 87 03 9B 0C 7C 0A 82 08 83 50 D1 81 4C 72 BA 09")).isEqualTo(0x6982);
    }

    @Test
    void anotherCommandBetweenSteps_voidsTheChallenge() {
        ResponseApdu challenge = s.raw("00 87 00 9B 04 7C 02 81 00");
        byte[] response = CardSession.ecb(PivAlgorithm.TDES, CardSession.DEFAULT_MGMT, Cipher.ENCRYPT_MODE,
                CardSession.tlvValue(challenge.data(), 0x81));
        s.raw("00 FD 00 00");
        assertThat(s.send(new CommandApdu(0, 0x87, 0x03, 0x9B, Tlv.of(0x7C, new Tlv(0x82, response)).encode()))
                .sw()).isEqualTo(0x6982);
    }

    @Test
    void wrongAlgorithmInP1_is6A80() {
        assertThat(s.sw("00 87 0A 9B 04 7C 02 80 00")).isEqualTo(0x6A80);
    }

    @Test
    void setManagementKeyWithoutAuthentication_is6982() {
        // Yubico .NET SDK set-mgmt-key.md trace
        assertThat(s.sw("00 FF FF FF 1B 03 9B 18 01 02 03 04 05 06 07 08 08 07 06 05 04 03 02 01 08 07 06 05 04 03"
                + " 02 01")).isEqualTo(0x6982);
    }

    @Test
    void setManagementKeyWithBadLength_is6A80() {
        s.authenticateDefault();
        assertThat(s.sw("00 FF FF FF 0B 08 9B 08 01 02 03 04 05 06 07 08")).isEqualTo(0x6A80);
        assertThat(s.sw("00 FF FF FF 0B 03 9B 09 01 02 03 04 05 06 07 08")).isEqualTo(0x6A80);
    }

    @Test
    void resetClearsAuthentication() {
        s.authenticateDefault();
        s.card.reset();
        assertThat(s.sw("00 DB 3F FF 09 5C 03 5F C1 09 53 02 01 00")).isEqualTo(0x6982);
    }
}
