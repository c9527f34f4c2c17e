package dev.scbridge.hwtests.piv;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * The host's view of card keys: the public key a card returns ({@code 7F49 {81 n, 82 e}} or {@code 7F49 {86 04||X||Y}},
 * SP 800-73-4 Part 2 3.3.2) as a JCA key, the inputs hosts send to GENERAL AUTHENTICATE, and signature checks.
 */
final class PublicKeys {
    /** DigestInfo prefixes, RFC 8017 section 9.2 note 1. */
    static final byte[] SHA1_DIGEST_INFO = Hex.decode("30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14");
    static final byte[] SHA256_DIGEST_INFO = Hex.decode("30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20");

    private PublicKeys() {
    }

    /** From the GENERATE answer {@code 7F49 {...}}. */
    static PublicKey fromTemplate(PivAlgorithm alg, byte[] template) {
        return fromContents(alg, Tlvs.value(template, 0x7F49));
    }

    /** From the contents of {@code 7F49} (also GET METADATA tag 04). */
    static PublicKey fromContents(PivAlgorithm alg, byte[] contents) {
        List<Tlv> parts = Tlvs.all(contents);
        try {
            if (alg.isRsa()) {
                BigInteger n = new BigInteger(1, Tlvs.value(contents, 0x81));
                BigInteger e = new BigInteger(1, Tlvs.value(contents, 0x82));
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
            byte[] point = Tlvs.value(contents, 0x86);
            int n = alg.elementLength();
            if (parts.size() != 1 || point.length != 1 + 2 * n || point[0] != 0x04) {
                throw new AssertionError("not an uncompressed " + alg + " point: " + Hex.spaced(contents));
            }
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + n)),
                    new BigInteger(1, Arrays.copyOfRange(point, 1 + n, point.length)));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve(alg)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("public key does not decode as " + alg, e);
        }
    }

    static ECParameterSpec curve(PivAlgorithm alg) throws GeneralSecurityException {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(alg == PivAlgorithm.ECC_P256 ? "secp256r1" : "secp384r1"));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    /** EMSA-PKCS1-v1_5 (RFC 8017 9.2): {@code 00 01 FF..FF 00 DigestInfo}, modulus-length. */
    static byte[] pkcs1Block(int modulusBytes, byte[] digestInfoPrefix, byte[] digest) {
        byte[] block = new byte[modulusBytes];
        int t = digestInfoPrefix.length + digest.length;
        Arrays.fill(block, 2, modulusBytes - t - 1, (byte) 0xFF);
        block[1] = 0x01;
        System.arraycopy(digestInfoPrefix, 0, block, modulusBytes - t, digestInfoPrefix.length);
        System.arraycopy(digest, 0, block, modulusBytes - digest.length, digest.length);
        return block;
    }

    static byte[] sha256(byte[] message) {
        return digest("SHA-256", message);
    }

    static byte[] digest(String algorithm, byte[] message) {
        try {
            return MessageDigest.getInstance(algorithm).digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a host sends the card to sign {@code message} with a key of {@code alg} (SHA-256; SHA-384 for P-384). */
    static byte[] signingInput(PivAlgorithm alg, byte[] message) {
        if (alg.isRsa()) {
            return pkcs1Block(alg.elementLength(), SHA256_DIGEST_INFO, sha256(message));
        }
        return digest(alg == PivAlgorithm.ECC_P384 ? "SHA-384" : "SHA-256", message);
    }

    /** Checks a card signature over {@code message} made from {@link #signingInput}. */
    static boolean verifies(PivAlgorithm alg, PublicKey key, byte[] message, byte[] signature) {
        String name = alg.isRsa() ? "SHA256withRSA" : alg == PivAlgorithm.ECC_P384 ? "SHA384withECDSA" : "SHA256withECDSA";
        try {
            Signature v = Signature.getInstance(name);
            v.initVerify(key);
            v.update(message);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A raw PKCS#1 v1.5 RSA signature over a DigestInfo (how Windows' minidriver signs: it pads, the card exponentiates). */
    static boolean verifiesDigestInfo(PublicKey key, byte[] digestInfo, byte[] signature) {
        try {
            Signature v = Signature.getInstance("NONEwithRSA");
            v.initVerify(key);
            v.update(digestInfo);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
