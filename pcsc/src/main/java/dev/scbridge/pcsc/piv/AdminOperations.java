package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.Pivs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * Card administration: mutual authentication with the management key 9B (SP 800-73-4 Part 2, Appendix A.3
 * "mutual authentication" with GENERAL AUTHENTICATE 3.2.4), and the YubiKey extensions SET MANAGEMENT KEY (FF),
 * SET PIN RETRIES (FA) and RESET (FB) (Yubico .NET SDK PIV APDU reference).
 */
public final class AdminOperations {
    private static final int P1_NO_TOUCH = 0xFF;
    private static final int P2_TOUCH = 0xFE;
    private static final int P2_NO_TOUCH = 0xFF;

    private final PivSession session;
    private final SecureRandom random;

    AdminOperations(PivSession session, SecureRandom random) {
        this.session = session;
        this.random = random;
    }

    /**
     * Mutual authentication: {@code 7C{80 00}} gets the card's witness E(K, R); the host answers
     * {@code 7C{80 R, 81 C}} and checks the card's {@code 7C{82 E(K, C)}} in constant time. A wrong key is a
     * {@link SecurityStatusNotSatisfiedException} (6982) from the card; a card that answers without knowing the key
     * is a {@link BadResponseException}.
     */
    public void authenticate(ManagementKey key) throws IOException, PivException {
        int alg = key.algorithm().code();
        int block = key.algorithm().blockSize();
        int ref = PivKeyRef.MANAGEMENT.code();
        byte[] witness = GeneralAuthenticate.exchange(session, "AUTHENTICATE management key (witness)", alg, ref,
                Pivs.TAG_WITNESS, GeneralAuthenticate.empty(Pivs.TAG_WITNESS));
        if (witness.length != block) {
            throw new BadResponseException("management key witness is " + witness.length + " bytes (expected: "
                    + block + ")");
        }
        byte[] challenge = new byte[block];
        random.nextBytes(challenge);
        byte[] decrypted = null;
        byte[] expected = null;
        try {
            decrypted = key.cipher(Cipher.DECRYPT_MODE).doFinal(witness);
            expected = key.cipher(Cipher.ENCRYPT_MODE).doFinal(challenge);
            byte[] proof = GeneralAuthenticate.exchange(session, "AUTHENTICATE management key", alg, ref,
                    Pivs.TAG_RESPONSE, new Tlv(Pivs.TAG_WITNESS, decrypted), new Tlv(Pivs.TAG_CHALLENGE, challenge));
            if (!MessageDigest.isEqual(proof, expected)) {
                throw new BadResponseException("the card did not prove it holds the management key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(key.algorithm() + " is not available in this JVM", e);
        } finally {
            if (decrypted != null) {
                Arrays.fill(decrypted, (byte) 0);
            }
            if (expected != null) {
                Arrays.fill(expected, (byte) 0);
            }
        }
    }

    /**
     * SET MANAGEMENT KEY {@code 00 FF FF FF|FE alg 9B len key} (YubiKey; AES needs firmware 5.4). Needs
     * {@link #authenticate} first.
     */
    public void setManagementKey(ManagementKey newKey, boolean requireTouch) throws IOException, PivException {
        byte[] key = newKey.bytes();
        byte[] data = new byte[3 + key.length];
        data[0] = (byte) newKey.algorithm().code();
        data[1] = (byte) PivKeyRef.MANAGEMENT.code();
        data[2] = (byte) key.length;
        System.arraycopy(key, 0, data, 3, key.length);
        try {
            session.send("SET MANAGEMENT KEY", new CommandApdu(0x00, Pivs.INS_SET_MANAGEMENT_KEY, P1_NO_TOUCH,
                    requireTouch ? P2_TOUCH : P2_NO_TOUCH, data));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(data, (byte) 0);
        }
    }

    /**
     * SET PIN RETRIES {@code 00 FA pinTries pukTries} (YubiKey): needs the management key and the PIN; PIN and PUK
     * return to their factory values.
     */
    public void setPinRetries(int pinTries, int pukTries) throws IOException, PivException {
        if (pinTries < 1 || pinTries > 255 || pukTries < 1 || pukTries > 255) {
            throw new IllegalArgumentException("retries are 1 to 255");
        }
        session.send("SET PIN RETRIES", new CommandApdu(0x00, Pivs.INS_SET_PIN_RETRIES, pinTries, pukTries));
    }

    /**
     * RESET {@code 00 FB 00 00} (YubiKey): erases keys, certificates and objects and restores the default PIN, PUK
     * and management key. The card refuses (6985) unless PIN and PUK are both blocked; see
     * {@link PinOperations#blockPin()} and {@link PinOperations#blockPuk()}.
     */
    public void reset() throws IOException, PivException {
        session.send("RESET", new CommandApdu(0x00, Pivs.INS_RESET, 0x00, 0x00));
    }
}
