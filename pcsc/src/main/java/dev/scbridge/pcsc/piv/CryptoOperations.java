package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.Pivs;

import java.io.IOException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Private-key operations through GENERAL AUTHENTICATE (SP 800-73-4 Part 2, 3.2.4; Yubico .NET SDK "auth-sign",
 * "auth-decrypt", "auth-key-agree"): {@code 7C{82 00, 81 input}} for signing and decryption,
 * {@code 7C{82 00, 85 point}} for ECDH. RSA is raw on the card; PKCS#1 v1.5 is applied here. Keys that need the PIN
 * need {@link PinOperations#verifyPin} first (9C immediately before each use).
 */
public final class CryptoOperations {
    private final PivSession session;

    CryptoOperations(PivSession session) {
        this.session = session;
    }

    /**
     * RSA PKCS#1 v1.5 signature of a digest computed by the caller ({@code digestAlgorithm} "SHA-256" etc.).
     * The result is always modulus-length.
     */
    public byte[] signRsaPkcs1(PivKeyRef slot, PivAlgorithm algorithm, String digestAlgorithm, byte[] digest)
            throws IOException, PivException {
        requireRsa(algorithm);
        return rawRsa(slot, algorithm, Pkcs1.signatureBlock(digestAlgorithm, digest, algorithm.elementLength()),
                "SIGN");
    }

    /**
     * ECDSA over a digest: the card truncates to the field size; a shorter digest is left-padded with zeros
     * (yubikit {@code rawSignOrDecrypt}). Returns the DER {@code SEQUENCE {r, s}} the card sends.
     */
    public byte[] signEcdsa(PivKeyRef slot, PivAlgorithm algorithm, byte[] digest) throws IOException, PivException {
        if (!algorithm.isEc()) {
            throw new IllegalArgumentException(algorithm + " is not an EC algorithm");
        }
        int n = algorithm.elementLength();
        byte[] input = digest.length >= n ? Arrays.copyOf(digest, n) : leftPad(digest, n);
        return GeneralAuthenticate.exchange(session, "SIGN " + slot.name(), algorithm.code(), slot.code(),
                Pivs.TAG_RESPONSE, GeneralAuthenticate.empty(Pivs.TAG_RESPONSE), new Tlv(Pivs.TAG_CHALLENGE, input));
    }

    /** The raw RSA private-key operation on a modulus-length block (decryption; pre-padded signing). */
    public byte[] rawRsa(PivKeyRef slot, PivAlgorithm algorithm, byte[] block) throws IOException, PivException {
        requireRsa(algorithm);
        return rawRsa(slot, algorithm, block, "RSA");
    }

    /** RSA decryption of a PKCS#1 v1.5 (type 2) ciphertext; returns the message. */
    public byte[] decipherPkcs1(PivKeyRef slot, PivAlgorithm algorithm, byte[] ciphertext)
            throws IOException, PivException {
        requireRsa(algorithm);
        byte[] block = rawRsa(slot, algorithm, leftPad(ciphertext, algorithm.elementLength()), "DECIPHER");
        try {
            return Pkcs1.unpadEncryption(block);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /**
     * ECDH with the slot's key and {@code peer}'s public key: {@code 7C{82 00, 85 04||X||Y}} answered with the
     * shared x-coordinate (SP 800-73-4 Part 2, 3.2.4; SP 800-56A).
     */
    public byte[] ecdh(PivKeyRef slot, PivAlgorithm algorithm, ECPublicKey peer) throws IOException, PivException {
        if (!algorithm.isEc()) {
            throw new IllegalArgumentException(algorithm + " is not an EC algorithm");
        }
        byte[] point = PublicKeys.encodePoint(peer, algorithm);
        return GeneralAuthenticate.exchange(session, "ECDH " + slot.name(), algorithm.code(), slot.code(),
                Pivs.TAG_RESPONSE, GeneralAuthenticate.empty(Pivs.TAG_RESPONSE),
                new Tlv(Pivs.TAG_EXPONENTIATION, point));
    }

    private byte[] rawRsa(PivKeyRef slot, PivAlgorithm algorithm, byte[] block, String what)
            throws IOException, PivException {
        int n = algorithm.elementLength();
        if (block.length != n) {
            throw new IllegalArgumentException("RSA input is " + block.length + " bytes (expected: " + n + ")");
        }
        byte[] out = GeneralAuthenticate.exchange(session, what + " " + slot.name(), algorithm.code(), slot.code(),
                Pivs.TAG_RESPONSE, GeneralAuthenticate.empty(Pivs.TAG_RESPONSE), new Tlv(Pivs.TAG_CHALLENGE, block));
        if (out.length > n) {
            throw new BadResponseException(what + ": result is " + out.length + " bytes (expected: " + n + ")");
        }
        // Some cards drop leading zero bytes; the result is a number of modulus length.
        return out.length == n ? out : leftPad(out, n);
    }

    private static void requireRsa(PivAlgorithm algorithm) {
        if (!algorithm.isRsa()) {
            throw new IllegalArgumentException(algorithm + " is not an RSA algorithm");
        }
    }

    static byte[] leftPad(byte[] in, int len) {
        if (in.length > len) {
            throw new IllegalArgumentException("input is " + in.length + " bytes (max " + len + ")");
        }
        byte[] out = new byte[len];
        System.arraycopy(in, 0, out, len - in.length, in.length);
        return out;
    }

}
