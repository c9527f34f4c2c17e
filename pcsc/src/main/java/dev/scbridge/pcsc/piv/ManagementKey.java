package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.piv.PivAlgorithm;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * The PIV Card Application Administration Key (key reference 9B, SP 800-73-4 Part 1 Table 4): 3DES (algorithm 03)
 * or AES-128/192/256 (08/0A/0C) as a YubiKey allows (yubikit ManagementKeyType). Never printed; wiped by
 * {@link #destroy()}.
 */
public final class ManagementKey implements Destroyable {
    private static final byte[] DEFAULT = Hex.decode("010203040506070801020304050607080102030405060708");

    private final PivAlgorithm algorithm;
    private final byte[] key;
    private boolean destroyed;

    private ManagementKey(PivAlgorithm algorithm, byte[] key) {
        if (!algorithm.isSymmetric()) {
            throw new IllegalArgumentException(algorithm + " is not a management-key algorithm");
        }
        if (key.length != algorithm.keyLength()) {
            int got = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("a " + algorithm + " management key is " + algorithm.keyLength()
                    + " bytes (got " + got + ")");
        }
        this.algorithm = algorithm;
        this.key = key;
    }

    /** A copy of {@code key} is kept; the caller may wipe its array. */
    public static ManagementKey of(PivAlgorithm algorithm, byte[] key) {
        return new ManagementKey(algorithm, key.clone());
    }

    /** Parses hex digits (spaces and colons allowed); IllegalArgumentException names only the problem, not the key. */
    public static ManagementKey parseHex(PivAlgorithm algorithm, char[] hex) {
        byte[] out = new byte[hex.length / 2];
        int n = 0;
        int high = -1;
        for (char c : hex) {
            if (c == ' ' || c == ':') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                Arrays.fill(out, (byte) 0);
                throw new IllegalArgumentException("management key: not a hex digit");
            }
            if (high < 0) {
                high = d;
            } else {
                out[n++] = (byte) ((high << 4) | d);
                high = -1;
            }
        }
        if (high >= 0) {
            Arrays.fill(out, (byte) 0);
            throw new IllegalArgumentException("management key: odd number of hex digits");
        }
        byte[] key = Arrays.copyOf(out, n);
        Arrays.fill(out, (byte) 0);
        return new ManagementKey(algorithm, key);
    }

    /**
     * The factory key 010203040506070801020304050607080102030405060708 (Yubico defaults; yubico-piv-tool
     * YKPIV_MGM_DEFAULT): 3DES up to firmware 5.6, AES-192 from 5.7.
     */
    public static ManagementKey defaultKey(PivAlgorithm algorithm) {
        if (algorithm != PivAlgorithm.TDES && algorithm != PivAlgorithm.AES192) {
            throw new IllegalArgumentException("the default management key is 3DES or AES-192, not " + algorithm);
        }
        return of(algorithm, DEFAULT);
    }

    public PivAlgorithm algorithm() {
        return algorithm;
    }

    /** ECB without padding, as the 9B challenge-response uses (SP 800-73-4 Part 2 Appendix A.1/A.2). */
    Cipher cipher(int mode) throws GeneralSecurityException {
        check();
        String name = algorithm == PivAlgorithm.TDES ? "DESede" : "AES";
        Cipher c = Cipher.getInstance(name + "/ECB/NoPadding");
        c.init(mode, new SecretKeySpec(key, name));
        return c;
    }

    /** The key bytes for SET MANAGEMENT KEY. The caller wipes the returned array. */
    byte[] bytes() {
        check();
        return key.clone();
    }

    private void check() {
        if (destroyed) {
            throw new IllegalStateException("management key was destroyed");
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "ManagementKey[" + algorithm + ", redacted]";
    }
}
