package dev.scbridge.card;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PivAlgorithm;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The PIV Card Application Administration Key (key reference 9B), SP 800-73-4 Part 1 Table 4 and Appendix A
 * (challenge-response with ECB over one block: 3DES or AES-128/192/256, SP 800-78-4 Table 6-2).
 */
final class ManagementKey {
    /** Default on a new YubiKey (yubico-piv-tool ykpiv.c YKPIV_MGM_DEFAULT). */
    static final byte[] DEFAULT = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8};

    private final PivAlgorithm algorithm;
    private final Secret key;
    private final TouchPolicy touch;

    ManagementKey(PivAlgorithm algorithm, byte[] key, TouchPolicy touch) {
        if (!algorithm.isSymmetric()) {
            throw new IllegalArgumentException(algorithm + " is not a management key algorithm");
        }
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " key must be " + algorithm.keyLength() + " bytes");
        }
        this.algorithm = algorithm;
        this.key = Secret.of(key);
        this.touch = touch;
    }

    static ManagementKey factoryDefault() {
        return new ManagementKey(PivAlgorithm.TDES, DEFAULT, TouchPolicy.NEVER);
    }

    PivAlgorithm algorithm() {
        return algorithm;
    }

    TouchPolicy touch() {
        return touch;
    }

    boolean isDefault() {
        return algorithm.keyLength() == DEFAULT.length && key.matches(DEFAULT);
    }

    /** E(K, block): one ECB block. */
    byte[] encrypt(byte[] block) {
        return crypt(Cipher.ENCRYPT_MODE, block);
    }

    byte[] decrypt(byte[] block) {
        return crypt(Cipher.DECRYPT_MODE, block);
    }

    private byte[] crypt(int mode, byte[] block) {
        if (block.length != algorithm.blockSize()) {
            throw new SwException(dev.scbridge.apdu.StatusWord.INCORRECT_DATA);
        }
        boolean tdes = algorithm == PivAlgorithm.TDES;
        byte[] k = key.bytes();
        try {
            Cipher c = Cipher.getInstance(tdes ? "DESede/ECB/NoPadding" : "AES/ECB/NoPadding");
            c.init(mode, new SecretKeySpec(k, tdes ? "DESede" : "AES"));
            return c.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCA lacks " + algorithm, e);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    byte[] keyForStorage() {
        return key.bytes();
    }

    void wipe() {
        key.wipe();
    }

    @Override
    public String toString() {
        return "ManagementKey[" + algorithm + ", redacted]";
    }
}
