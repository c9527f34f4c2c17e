package dev.scbridge.card;

import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;

/**
 * Decodes the YubiKey IMPORT KEY payload (Yubico .NET SDK import-asym; yubico-piv-tool ykpiv_import_private_key):
 * RSA as CRT parts {@code 01 p, 02 q, 03 dP, 04 dQ, 05 qInv}, each at most half the modulus; EC as {@code 06 s}.
 * A YubiKey only holds RSA keys with e = 65537, so e is implied and checked against dP and dQ.
 */
final class KeyImport {
    private KeyImport() {
    }

    static KeyPair decode(PivAlgorithm alg, List<Tlv> tlvs) {
        try {
            return alg.isRsa() ? rsa(alg, tlvs) : ec(alg, tlvs);
        } catch (GeneralSecurityException | ArithmeticException e) {
            throw new IllegalArgumentException("key does not decode: " + e.getMessage(), e);
        }
    }

    private static BigInteger part(List<Tlv> tlvs, int tag, int maxBytes) {
        Tlv t = Tlv.find(tlvs, tag).orElseThrow(() -> new IllegalArgumentException("tag " + tag + " missing"));
        if (t.length() == 0 || t.length() > maxBytes) {
            throw new IllegalArgumentException("tag " + tag + " has " + t.length() + " bytes");
        }
        return new BigInteger(1, t.value());
    }

    private static KeyPair rsa(PivAlgorithm alg, List<Tlv> tlvs) throws GeneralSecurityException {
        int half = alg.elementLength() / 2;
        BigInteger p = part(tlvs, 0x01, half);
        BigInteger q = part(tlvs, 0x02, half);
        BigInteger dp = part(tlvs, 0x03, half);
        BigInteger dq = part(tlvs, 0x04, half);
        BigInteger qinv = part(tlvs, 0x05, half);
        BigInteger e = RSAKeyGenParameterSpec.F4;
        BigInteger n = p.multiply(q);
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        if (n.bitLength() != alg.bits() || !e.multiply(dp).mod(p1).equals(BigInteger.ONE)
                || !e.multiply(dq).mod(q1).equals(BigInteger.ONE)
                || !q.multiply(qinv).mod(p).equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("inconsistent RSA parts");
        }
        BigInteger lambda = p1.divide(p1.gcd(q1)).multiply(q1);
        BigInteger d = e.modInverse(lambda);
        KeyFactory kf = KeyFactory.getInstance("RSA");
        return new KeyPair(kf.generatePublic(new RSAPublicKeySpec(n, e)),
                kf.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qinv)));
    }

    private static KeyPair ec(PivAlgorithm alg, List<Tlv> tlvs) throws GeneralSecurityException {
        if (!alg.isEc()) {
            throw new IllegalArgumentException("cannot import " + alg);
        }
        BigInteger s = part(tlvs, 0x06, alg.elementLength());
        var params = Curves.jcaParams(alg);
        KeyFactory kf = KeyFactory.getInstance("EC");
        return new KeyPair(kf.generatePublic(new ECPublicKeySpec(Curves.publicPoint(alg, s), params)),
                kf.generatePrivate(new ECPrivateKeySpec(s, params)));
    }
}
