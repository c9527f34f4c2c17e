package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.Hex;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * PKCS#1 v1.5 on the host side (RFC 8017, 9.2 EMSA-PKCS1-v1_5 and 7.2.2 RSAES-PKCS1-v1_5 decoding): a PIV card
 * only does raw RSA (SP 800-73-4 Part 2, 3.2.4), so yubico-piv-tool, yubikit and OpenSC pad and unpad themselves.
 */
final class Pkcs1 {
    /** RFC 8017 9.2 note 1: the DER DigestInfo prefixes. */
    private static final Map<String, byte[]> DIGEST_INFO = Map.of(
            "SHA-1", Hex.decode("3021300906052B0E03021A05000414"),
            "SHA-224", Hex.decode("302D300D06096086480165030402040500041C"),
            "SHA-256", Hex.decode("3031300D060960864801650304020105000420"),
            "SHA-384", Hex.decode("3041300D060960864801650304020205000430"),
            "SHA-512", Hex.decode("3051300D060960864801650304020305000440"));
    /** RFC 8017 9.2 step 3: at least 8 bytes of FF padding. */
    private static final int MIN_PADDING = 8;

    private Pkcs1() {
    }

    /** {@code 00 01 FF..FF 00 DigestInfo(digest)}, {@code modulusLength} bytes long. */
    static byte[] signatureBlock(String digestAlgorithm, byte[] digest, int modulusLength) {
        byte[] prefix = DIGEST_INFO.get(digestAlgorithm.toUpperCase(Locale.ROOT));
        if (prefix == null) {
            throw new IllegalArgumentException("unsupported digest " + digestAlgorithm + " (one of "
                    + DIGEST_INFO.keySet() + ")");
        }
        int hashLength = prefix[prefix.length - 1];
        if (digest.length != hashLength) {
            throw new IllegalArgumentException(digestAlgorithm + " digest is " + hashLength + " bytes (got "
                    + digest.length + ")");
        }
        int t = prefix.length + digest.length;
        if (modulusLength < t + 3 + MIN_PADDING) {
            throw new IllegalArgumentException("modulus too short for " + digestAlgorithm);
        }
        byte[] block = new byte[modulusLength];
        block[1] = 0x01;
        Arrays.fill(block, 2, modulusLength - t - 1, (byte) 0xFF);
        System.arraycopy(prefix, 0, block, modulusLength - t, prefix.length);
        System.arraycopy(digest, 0, block, modulusLength - digest.length, digest.length);
        return block;
    }

    /**
     * The message inside an encryption block {@code 00 02 PS 00 M} (PS at least 8 nonzero bytes). Every byte is
     * looked at before deciding, and the failure does not say which check failed.
     */
    static byte[] unpadEncryption(byte[] block) throws BadResponseException {
        int separator = -1;
        for (int i = 2; i < block.length; i++) {
            if (block[i] == 0 && separator < 0) {
                separator = i;
            }
        }
        boolean ok = block.length >= 11 && block[0] == 0 && block[1] == 2 && separator >= 2 + MIN_PADDING;
        if (!ok) {
            throw new BadResponseException("decrypted block is not PKCS#1 v1.5 type 2");
        }
        return Arrays.copyOfRange(block, separator + 1, block.length);
    }
}
