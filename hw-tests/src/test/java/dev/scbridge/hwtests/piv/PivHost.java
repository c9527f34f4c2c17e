package dev.scbridge.hwtests.piv;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.CommandChaining;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.ResponseChaining;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host side of the conformance suite, over any {@link CardUnderTest}: raw APDUs, APDUs through 255-byte command
 * chaining and 61xx collection (as yubico-piv-tool, yubikit and ykman send them), and the few typed steps every flow
 * needs. Setup steps that must succeed throw {@link AssertionError} naming the card and the status word; everything a
 * test checks is returned to it.
 */
final class PivHost {
    /** Factory defaults of a YubiKey (Yubico .NET SDK pin-puk-mgmt-key; yubico-piv-tool YKPIV_MGM_DEFAULT). */
    static final String DEFAULT_PIN = "123456";
    static final String DEFAULT_PUK = "12345678";
    static final byte[] DEFAULT_MANAGEMENT_KEY = Hex.decode("010203040506070801020304050607080102030405060708");
    static final int DEFAULT_TRIES = 3;

    /** The 9-byte AID Windows' minidriver and OpenSC select with (facts/piv.md section 1). */
    static final String SELECT_PIV = "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00";

    private final CardUnderTest card;

    PivHost(CardUnderTest card) {
        this.card = card;
    }

    CardUnderTest card() {
        return card;
    }

    String description() {
        return card.description();
    }

    ResponseApdu raw(String hex) {
        return raw(Hex.decode(hex));
    }

    /** One APDU as is: no chaining, no GET RESPONSE. */
    ResponseApdu raw(byte[] apdu) {
        try {
            return ResponseApdu.parse(card.transmit(apdu));
        } catch (IOException e) {
            throw new UncheckedIOException(card.description() + ": transmit failed", e);
        } catch (DecodeException e) {
            throw new AssertionError(card.description() + " answered no status word: " + e.getMessage(), e);
        }
    }

    int sw(String hex) {
        return raw(hex).sw();
    }

    /** Through command chaining in 255-byte pieces and 61xx collection. */
    ResponseApdu send(CommandApdu command) {
        return send(command, CommandChaining.DEFAULT_PIECE_SIZE);
    }

    ResponseApdu send(CommandApdu command, int pieceSize) {
        try {
            return new ResponseChaining(new CommandChaining(c -> raw(c.encode()), pieceSize)).transmit(command);
        } catch (IOException e) {
            throw new UncheckedIOException(card.description() + ": transmit failed", e);
        }
    }

    void reset() {
        try {
            card.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(card.description() + ": reset failed", e);
        }
    }

    /** Fails the test with the card's description unless {@code r} has status {@code sw}. */
    ResponseApdu expect(ResponseApdu r, int sw, String what) {
        if (r.sw() != sw) {
            throw new AssertionError(card.description() + ": " + what + " answered " + StatusWord.describe(r.sw())
                    + " (expected " + StatusWord.describe(sw) + ")");
        }
        return r;
    }

    void select() {
        expect(raw(SELECT_PIV), StatusWord.SUCCESS, "SELECT PIV");
    }

    /** 6-8 characters padded with FF to the 8 bytes of PIV reference data (SP 800-73-4 Part 2 3.2.1). */
    static byte[] pad(String value) {
        byte[] raw = value.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(raw, 8);
        Arrays.fill(out, raw.length, 8, (byte) 0xFF);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    ResponseApdu verify(int reference, String value) {
        return raw(new CommandApdu(0x00, 0x20, 0x00, reference, pad(value)).encode());
    }

    int verifyPin(String pin) {
        return verify(PivKeyRef.PIN.code(), pin).sw();
    }

    void verifyPinOk(String pin) {
        expect(verify(PivKeyRef.PIN.code(), pin), StatusWord.SUCCESS, "VERIFY PIN");
    }

    /** CHANGE REFERENCE DATA: old ‖ new, both padded (P2 80 PIN, 81 PUK). */
    ResponseApdu change(int reference, String old, String fresh) {
        return raw(new CommandApdu(0x00, 0x24, 0x00, reference, concat(pad(old), pad(fresh))).encode());
    }

    /** RESET RETRY COUNTER: PUK ‖ new PIN. */
    ResponseApdu unblock(String puk, String newPin) {
        return raw(new CommandApdu(0x00, 0x2C, 0x00, 0x80, concat(pad(puk), pad(newPin))).encode());
    }

    /** GET VERSION as yubico-piv-tool sends it ({@code 00 FD 00 00 00}); 3 bytes. */
    byte[] version() {
        return expect(raw("00 FD 00 00 00"), StatusWord.SUCCESS, "GET VERSION").data();
    }

    /** Major * 10000 + minor * 100 + patch, for version gates. */
    int versionNumber() {
        byte[] v = version();
        return (v[0] & 0xFF) * 10_000 + (v[1] & 0xFF) * 100 + (v[2] & 0xFF);
    }

    ResponseApdu metadata(int reference) {
        return raw(new CommandApdu(0x00, 0xF7, 0x00, reference, null, 256).encode());
    }

    /**
     * The management key's algorithm as yubico-piv-tool learns it: from GET METADATA 9B when the card is 5.3 or
     * newer, else 3DES (facts/piv.md section 5). A YubiKey 5.7 ships an AES-192 default key with the same bytes.
     */
    PivAlgorithm managementKeyAlgorithm() {
        if (versionNumber() < 50300) {
            return PivAlgorithm.TDES;
        }
        byte[] alg = Tlvs.value(expect(metadata(0x9B), StatusWord.SUCCESS, "GET METADATA 9B").data(), 0x01);
        return PivAlgorithm.fromCode(alg[0] & 0xFF);
    }

    void authenticateDefault() {
        authenticate(managementKeyAlgorithm(), DEFAULT_MANAGEMENT_KEY);
    }

    /**
     * 9B mutual authentication (SP 800-73-4 Part 2 Appendix A; yubikit {@code authenticate}):
     * {@code 7C{80 00}} → {@code 7C{80 E(K,W)}}; {@code 7C{80 W, 81 C, 82 00}} → {@code 7C{82 E(K,C)}}.
     */
    void authenticate(PivAlgorithm alg, byte[] key) {
        ResponseApdu r = authenticateStep(alg, Tlv.of(0x7C, new Tlv(0x80, null)));
        expect(r, StatusWord.SUCCESS, "9B witness request");
        byte[] witness = ecb(alg, key, Cipher.DECRYPT_MODE, Tlvs.value(r.data(), 0x7C, 0x80));
        byte[] challenge = new byte[alg.blockSize()];
        new SecureRandom().nextBytes(challenge);
        r = authenticateStep(alg, Tlv.of(0x7C, new Tlv(0x80, witness), new Tlv(0x81, challenge), new Tlv(0x82, null)));
        expect(r, StatusWord.SUCCESS, "9B witness answer");
        byte[] answer = Tlvs.value(r.data(), 0x7C, 0x82);
        if (!Arrays.equals(answer, ecb(alg, key, Cipher.ENCRYPT_MODE, challenge))) {
            throw new AssertionError(card.description() + ": the card's answer to our 9B challenge is wrong");
        }
    }

    ResponseApdu authenticateStep(PivAlgorithm alg, Tlv template) {
        return raw(new CommandApdu(0x00, 0x87, alg.code(), 0x9B, template.encode(), 256).encode());
    }

    static byte[] ecb(PivAlgorithm alg, byte[] key, int mode, byte[] block) {
        try {
            boolean tdes = alg == PivAlgorithm.TDES;
            Cipher c = Cipher.getInstance(tdes ? "DESede/ECB/NoPadding" : "AES/ECB/NoPadding");
            c.init(mode, new SecretKeySpec(key, tdes ? "DESede" : "AES"));
            return c.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SET MANAGEMENT KEY (INS FF, P2 FF: no touch): {@code alg 9B len key}. */
    ResponseApdu setManagementKey(PivAlgorithm alg, byte[] key) {
        byte[] data = concat(new byte[] {(byte) alg.code(), (byte) 0x9B, (byte) key.length}, key);
        return raw(new CommandApdu(0x00, 0xFF, 0xFF, 0xFF, data).encode());
    }

    /** GENERATE ASYMMETRIC KEY PAIR {@code AC{80 alg [extra]}}, through chaining and 61xx. */
    ResponseApdu generate(PivKeyRef slot, PivAlgorithm alg, Tlv... extra) {
        Tlv[] crt = new Tlv[extra.length + 1];
        crt[0] = new Tlv(0x80, new byte[] {(byte) alg.code()});
        System.arraycopy(extra, 0, crt, 1, extra.length);
        return send(new CommandApdu(0x00, 0x47, 0x00, slot.code(), Tlv.of(0xAC, crt).encode(), 256));
    }

    /** Generates and returns the public key; the management key must be authenticated. */
    PublicKey generateKey(PivKeyRef slot, PivAlgorithm alg) {
        ResponseApdu r = expect(generate(slot, alg), StatusWord.SUCCESS, "GENERATE " + alg + " in " + slot);
        return PublicKeys.fromTemplate(alg, r.data());
    }

    /** GENERAL AUTHENTICATE with a slot key: {@code 7C{82 00, 81 input}} (sign, RSA decipher). */
    ResponseApdu authenticateWithKey(PivKeyRef slot, PivAlgorithm alg, byte[] input) {
        byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, input)).encode();
        return send(new CommandApdu(0x00, 0x87, alg.code(), slot.code(), template, 256));
    }

    /** The signature (tag 82) of a successful private-key operation. */
    byte[] sign(PivKeyRef slot, PivAlgorithm alg, byte[] input) {
        ResponseApdu r = expect(authenticateWithKey(slot, alg, input), StatusWord.SUCCESS, "sign with " + slot);
        return Tlvs.value(r.data(), 0x7C, 0x82);
    }

    /** PUT DATA {@code 5C id 53 contents}, chained in 255-byte pieces as yubico-piv-tool sends it. */
    ResponseApdu putObject(int id, byte[] contents) {
        byte[] data = concat(new Tlv(0x5C, Tlv.tagBytes(id)).encode(), new Tlv(0x53, contents).encode());
        return send(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, data));
    }

    ResponseApdu getObject(int id) {
        return send(new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, new Tlv(0x5C, Tlv.tagBytes(id)).encode(), 256));
    }

    /** The contents of an object's {@code 53} wrapper; the object must exist. */
    byte[] readObject(int id) {
        ResponseApdu r = expect(getObject(id), StatusWord.SUCCESS, String.format("GET DATA %X", id));
        return Tlvs.value(r.data(), 0x53);
    }
}
