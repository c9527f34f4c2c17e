package dev.scbridge.card;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.Pivs;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.KeyAgreement;

/**
 * An asymmetric key held in a PIV slot, with its policies. The private key has no getter: it is used here and
 * only here (raw RSA, ECDSA, ECDH; SP 800-73-4 Part 2 3.2.4 GENERAL AUTHENTICATE) and serialized only into the
 * encrypted state file.
 */
final class SlotKey {
    private final PivAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final PinPolicy pinPolicy;
    private final TouchPolicy touchPolicy;
    private final KeyOrigin origin;

    SlotKey(PivAlgorithm algorithm, KeyPair pair, PinPolicy pinPolicy, TouchPolicy touchPolicy, KeyOrigin origin) {
        this.algorithm = algorithm;
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.pinPolicy = pinPolicy;
        this.touchPolicy = touchPolicy;
        this.origin = origin;
        if (algorithmOf(publicKey) != algorithm) {
            throw new IllegalArgumentException("key is " + algorithmOf(publicKey) + ", not " + algorithm);
        }
    }

    /** The PIV algorithm of a JCA public key: RSA 1024/2048/3072/4096 (e = 65537 only) or EC P-256/P-384. */
    static PivAlgorithm algorithmOf(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            if (!rsa.getPublicExponent().equals(RSAKeyGenParameterSpec.F4)) {
                throw new IllegalArgumentException("RSA public exponent must be 65537");
            }
            switch (rsa.getModulus().bitLength()) {
                case 1024: return PivAlgorithm.RSA1024;
                case 2048: return PivAlgorithm.RSA2048;
                case 3072: return PivAlgorithm.RSA3072;
                case 4096: return PivAlgorithm.RSA4096;
                default: throw new IllegalArgumentException("unsupported RSA size " + rsa.getModulus().bitLength());
            }
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits == 256 && ec.getParams().getOrder().equals(Curves.P256.getOrder())) {
                return PivAlgorithm.ECC_P256;
            }
            if (bits == 384 && ec.getParams().getOrder().equals(Curves.P384.getOrder())) {
                return PivAlgorithm.ECC_P384;
            }
            throw new IllegalArgumentException("unsupported EC curve");
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }

    static boolean canGenerate(PivAlgorithm alg) {
        return alg.isRsa() || alg.isEc();
    }

    static KeyPair generate(PivAlgorithm alg, SecureRandom random) {
        try {
            KeyPairGenerator g;
            if (alg.isRsa()) {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(alg.bits(), RSAKeyGenParameterSpec.F4), random);
            } else if (alg.isEc()) {
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(alg == PivAlgorithm.ECC_P256 ? "secp256r1" : "secp384r1"), random);
            } else {
                throw new IllegalArgumentException("cannot generate " + alg);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCA cannot generate " + alg, e);
        }
    }

    PivAlgorithm algorithm() {
        return algorithm;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    PinPolicy pinPolicy() {
        return pinPolicy;
    }

    TouchPolicy touchPolicy() {
        return touchPolicy;
    }

    KeyOrigin origin() {
        return origin;
    }

    /**
     * RSA: the raw private-key operation (sign and decipher are the same), result always modulus-length with
     * leading zeros kept (Windows' decipher result starts 00 02). EC: ECDSA over the given hash, truncated to the
     * field size, DER-encoded (SP 800-73-4 Part 2 Appendix A.4).
     */
    byte[] privateOperation(byte[] input) {
        try {
            if (algorithm.isRsa()) {
                int k = algorithm.elementLength();
                if (input.length != k) {
                    throw new SwException(StatusWord.INCORRECT_DATA);
                }
                Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
                rsa.init(Cipher.DECRYPT_MODE, privateKey);
                byte[] out = rsa.doFinal(input);
                return out.length == k ? out : leftPad(out, k);
            }
            if (input.length == 0 || input.length > 2 * algorithm.elementLength()) {
                throw new SwException(StatusWord.INCORRECT_DATA);
            }
            byte[] digest = input.length > algorithm.elementLength()
                    ? Arrays.copyOf(input, algorithm.elementLength()) : input;
            Signature ecdsa = Signature.getInstance("NONEwithECDSA");
            ecdsa.initSign(privateKey);
            ecdsa.update(digest);
            return ecdsa.sign();
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            // Input not smaller than the modulus.
            throw new SwException(StatusWord.INCORRECT_DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCA private-key operation failed for " + algorithm, e);
        }
    }

    /** ECDH (SP 800-73-4 Part 2 3.2.4, tag 85): the x-coordinate of d·Q for an uncompressed peer point. */
    byte[] keyAgreement(byte[] point) {
        if (!algorithm.isEc()) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        int n = algorithm.elementLength();
        if (point.length != 1 + 2 * n || point[0] != 0x04) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        ECParameterSpec params = algorithm == PivAlgorithm.ECC_P256 ? Curves.P256 : Curves.P384;
        if (!Curves.isOnCurve(algorithm, point)) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        try {
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + n));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + n, point.length));
            PublicKey peer = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(privateKey);
            ka.doPhase(peer, true);
            return leftPad(ka.generateSecret(), n);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
    }

    /** 7F49 { 81 modulus, 82 exponent } or 7F49 { 86 04||X||Y } (SP 800-73-4 Part 2 3.3.2). */
    byte[] publicKeyTemplate() {
        return new Tlv(Pivs.TAG_PUBLIC_KEY, publicKeyContents()).encode();
    }

    /** The contents of the public key template without 7F49 (YubiKey metadata tag 04). */
    byte[] publicKeyContents() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (publicKey instanceof RSAPublicKey rsa) {
            out.writeBytes(new Tlv(0x81, unsigned(rsa.getModulus())).encode());
            out.writeBytes(new Tlv(0x82, unsigned(rsa.getPublicExponent())).encode());
        } else {
            out.writeBytes(new Tlv(0x86, encodePoint((ECPublicKey) publicKey, algorithm.elementLength())).encode());
        }
        return out.toByteArray();
    }

    static byte[] encodePoint(ECPublicKey key, int n) {
        byte[] out = new byte[1 + 2 * n];
        out[0] = 0x04;
        System.arraycopy(leftPad(unsigned(key.getW().getAffineX()), n), 0, out, 1, n);
        System.arraycopy(leftPad(unsigned(key.getW().getAffineY()), n), 0, out, 1 + n, n);
        return out;
    }

    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    static byte[] leftPad(byte[] b, int n) {
        if (b.length == n) {
            return b;
        }
        if (b.length > n) {
            // Only leading zero bytes may be dropped.
            return Arrays.copyOfRange(b, b.length - n, b.length);
        }
        byte[] out = new byte[n];
        System.arraycopy(b, 0, out, n - b.length, b.length);
        return out;
    }

    /** True when the key is an RSA CRT key (import and generation always give one). */
    boolean isCrt() {
        return privateKey instanceof RSAPrivateCrtKey;
    }

    /** For building the card's own attestation certificates only (package-private, never exported). */
    PrivateKey privateKeyForSigning() {
        return privateKey;
    }

    /** For the encrypted state file only. */
    byte[] privateKeyForStorage() {
        return privateKey.getEncoded();
    }

    static KeyPair restore(PivAlgorithm alg, byte[] pkcs8, byte[] spki) {
        try {
            KeyFactory kf = KeyFactory.getInstance(alg.isRsa() ? "RSA" : "EC");
            return new KeyPair(kf.generatePublic(new X509EncodedKeySpec(spki)),
                    kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("stored key does not decode as " + alg, e);
        }
    }

    @Override
    public String toString() {
        return "SlotKey[" + algorithm + ", " + origin + ", PIN " + pinPolicy + ", touch " + touchPolicy + "]";
    }
}
