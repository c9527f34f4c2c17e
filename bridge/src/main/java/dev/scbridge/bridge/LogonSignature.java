package dev.scbridge.bridge;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.Pivs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The signing step of the logon: GENERAL AUTHENTICATE on 9A (SP 800-73-4 Part 2 3.2.4) with the dynamic
 * authentication template {@code 7C { 82 00, 81 L input }}, answered {@code 7C { 82 L signature }}.
 *
 * <p>For RSA, Windows pads the input itself: a PKCS#1 v1.5 type-1 block (RFC 8017 9.2, EMSA-PKCS1-v1_5) over a SHA-1
 * DigestInfo, even for PKINIT (recorded logon). The card performs one raw private-key operation, and the result
 * must be exactly modulus-length, leading zero bytes kept.
 */
final class LogonSignature {
    /** DigestInfo prefix for SHA-1 (RFC 8017 9.2 note 1), as in the recorded GENERAL AUTHENTICATE. */
    static final byte[] SHA1_DIGEST_INFO = Hex.decode("30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14");
    /** RFC 8017 9.2: at least 8 bytes of FF padding, plus 00 01 and the 00 separator. */
    private static final int PKCS1_OVERHEAD = 11;
    /** The random message whose digest the card signs; it stands in for the PKINIT AuthPack. */
    private static final int CHALLENGE_BYTES = 32;

    private LogonSignature() {
    }

    /** Signs a fresh random message on the card and verifies the result; returns the JCA algorithm used. */
    static String signAndVerify(ApduTransport chained, X509Certificate cert, SecureRandom random)
            throws IOException, LogonFailedException {
        byte[] message = new byte[CHALLENGE_BYTES];
        random.nextBytes(message);
        PublicKey key = cert.getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            int k = (bits + 7) / 8;
            PivAlgorithm alg = rsaAlgorithm(bits);
            byte[] block = pkcs1Type1(concat(SHA1_DIGEST_INFO, digest("SHA-1", message)), k);
            byte[] sig = generalAuthenticate(chained, alg, block);
            if (sig.length != k) {
                throw new LogonFailedException("GENERAL AUTHENTICATE returned " + sig.length + " bytes, not the "
                        + k + "-byte modulus length (Windows needs leading zero bytes kept)");
            }
            verify("SHA1withRSA", key, message, sig);
            return "SHA1withRSA";
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            PivAlgorithm alg = bits == 256 ? PivAlgorithm.ECC_P256 : bits == 384 ? PivAlgorithm.ECC_P384 : null;
            if (alg == null) {
                throw new LogonFailedException("the certificate's key is on a " + bits + "-bit curve; PIV has P-256 "
                        + "and P-384");
            }
            String hash = bits == 256 ? "SHA-256" : "SHA-384";
            String jca = bits == 256 ? "SHA256withECDSA" : "SHA384withECDSA";
            verify(jca, key, message, generalAuthenticate(chained, alg, digest(hash, message)));
            return jca;
        }
        throw new LogonFailedException("the certificate's key is " + key.getAlgorithm() + "; Windows logs on with RSA "
                + "or ECDSA");
    }

    private static byte[] generalAuthenticate(ApduTransport chained, PivAlgorithm alg, byte[] input)
            throws IOException, LogonFailedException {
        byte[] template = Tlv.of(Pivs.TAG_DYN_AUTH, new Tlv(Pivs.TAG_RESPONSE, null),
                new Tlv(Pivs.TAG_CHALLENGE, input)).encode();
        ResponseApdu r = chained.transmit(new CommandApdu(0x00, Pivs.INS_GENERAL_AUTHENTICATE, alg.code(),
                PivKeyRef.AUTHENTICATION.code(), template, CommandApdu.MAX_SHORT_NE));
        WindowsLogonExchange.expectSuccess("GENERAL AUTHENTICATE", r);
        try {
            Tlv outer = Tlv.parseSingle(r.data());
            if (outer.tag() != Pivs.TAG_DYN_AUTH) {
                throw new LogonFailedException(String.format("GENERAL AUTHENTICATE answered tag %X, not 7C",
                        outer.tag()));
            }
            return Tlv.require(outer.children(), Pivs.TAG_RESPONSE, "response").value();
        } catch (DecodeException e) {
            throw new LogonFailedException("GENERAL AUTHENTICATE answer is malformed: " + e.getMessage(), e);
        }
    }

    private static void verify(String algorithm, PublicKey key, byte[] message, byte[] sig)
            throws LogonFailedException {
        boolean ok;
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(message);
            ok = s.verify(sig);
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            throw new LogonFailedException("the card's signature does not verify with the certificate's public key "
                    + "(" + algorithm + "): the key in slot 9A is not the certificate's key");
        }
    }

    static PivAlgorithm rsaAlgorithm(int bits) throws LogonFailedException {
        switch (bits) {
            case 1024: return PivAlgorithm.RSA1024;
            case 2048: return PivAlgorithm.RSA2048;
            case 3072: return PivAlgorithm.RSA3072;
            case 4096: return PivAlgorithm.RSA4096;
            default: throw new LogonFailedException("the certificate's key is RSA-" + bits + "; PIV has RSA-1024, "
                    + "2048, 3072 and 4096");
        }
    }

    /** EMSA-PKCS1-v1_5 encoding: {@code 00 01 FF..FF 00 T}, {@code k} bytes (RFC 8017 9.2 step 5). */
    static byte[] pkcs1Type1(byte[] digestInfo, int k) {
        if (digestInfo.length > k - PKCS1_OVERHEAD) {
            throw new IllegalArgumentException("modulus of " + k + " bytes too short for a " + digestInfo.length
                    + "-byte DigestInfo");
        }
        byte[] block = new byte[k];
        block[1] = 0x01;
        Arrays.fill(block, 2, k - digestInfo.length - 1, (byte) 0xFF);
        System.arraycopy(digestInfo, 0, block, k - digestInfo.length, digestInfo.length);
        return block;
    }

    private static byte[] digest(String algorithm, byte[] message) {
        try {
            return MessageDigest.getInstance(algorithm).digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is a required JCA algorithm", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
