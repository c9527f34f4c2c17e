package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.CommandChaining;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.ResponseChaining;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** Test helper: a host talking to a card, raw or through chaining steps. */
final class CardSession {
    static final byte[] DEFAULT_MGMT = ManagementKey.DEFAULT;
    final PivCard card;

    CardSession(PivCard card) {
        this.card = card;
    }

    static CardSession fresh() {
        return new CardSession(PivCard.builder().serial(12345678).build());
    }

    /** Sends raw hex, returns the raw response. */
    ResponseApdu raw(String hex) {
        return raw(Hex.decode(hex));
    }

    ResponseApdu raw(byte[] apdu) {
        try {
            return ResponseApdu.parse(card.transmit(apdu));
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends a command through command chaining (255-byte pieces) and 61xx collection. */
    ResponseApdu send(CommandApdu c) {
        try {
            return new ResponseChaining(new CommandChaining(cmd -> raw(cmd.encode()))).transmit(c);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    int sw(String hex) {
        return raw(hex).sw();
    }

    void select() {
        assertThat(sw("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00")).isEqualTo(0x9000);
    }

    void verifyPin(String pin) {
        byte[] padded = ReferenceData.pad(pin);
        assertThat(send(new CommandApdu(0, 0x20, 0, 0x80, padded)).sw()).isEqualTo(0x9000);
    }

    /** Mutual authentication with the 9B key. */
    void authenticate(PivAlgorithm alg, byte[] key) {
        ResponseApdu r1 = send(new CommandApdu(0, 0x87, alg.code(), 0x9B, Hex.decode("7C 02 80 00"), 256));
        assertThat(r1.sw()).isEqualTo(0x9000);
        byte[] encWitness = tlvValue(r1.data(), 0x80);
        byte[] witness = ecb(alg, key, Cipher.DECRYPT_MODE, encWitness);
        byte[] challenge = new byte[alg.blockSize()];
        Arrays.fill(challenge, (byte) 0x5A);
        byte[] body = Tlv.of(0x7C, new Tlv(0x80, witness), new Tlv(0x81, challenge), new Tlv(0x82, null)).encode();
        ResponseApdu r2 = send(new CommandApdu(0, 0x87, alg.code(), 0x9B, body, 256));
        assertThat(r2.sw()).isEqualTo(0x9000);
        assertThat(tlvValue(r2.data(), 0x82)).isEqualTo(ecb(alg, key, Cipher.ENCRYPT_MODE, challenge));
    }

    void authenticateDefault() {
        authenticate(PivAlgorithm.TDES, DEFAULT_MGMT);
    }

    static byte[] ecb(PivAlgorithm alg, byte[] key, int mode, byte[] block) {
        try {
            boolean tdes = alg == PivAlgorithm.TDES;
            Cipher c = Cipher.getInstance(tdes ? "DESede/ECB/NoPadding" : "AES/ECB/NoPadding");
            c.init(mode, new SecretKeySpec(key, tdes ? "DESede" : "AES"));
            return c.doFinal(block);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Value of {@code tag} inside a 7C template. */
    static byte[] tlvValue(byte[] template, int tag) {
        try {
            Tlv outer = Tlv.parseSingle(template);
            return Tlv.require(outer.children(), tag, "test").value();
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
