package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.Pivs;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Key slots: GENERATE ASYMMETRIC KEY PAIR (SP 800-73-4 Part 2, 3.3.2) and the YubiKey extensions IMPORT KEY (FE),
 * ATTEST (F9) and MOVE KEY (F6) (Yubico .NET SDK PIV APDU reference; yubico-piv-tool ykpiv.c). All but ATTEST need
 * management-key authentication first ({@link AdminOperations#authenticate}).
 */
public final class KeyOperations {
    private static final int P1_DELETE = 0xFF;
    /** IMPORT KEY element tags (yubico-piv-tool {@code ykpiv_import_private_key}). */
    private static final int TAG_P = 0x01;
    private static final int TAG_Q = 0x02;
    private static final int TAG_DP = 0x03;
    private static final int TAG_DQ = 0x04;
    private static final int TAG_QINV = 0x05;
    private static final int TAG_EC_SCALAR = 0x06;

    private final PivSession session;

    KeyOperations(PivSession session) {
        this.session = session;
    }

    /**
     * Generates a key pair in {@code slot}: {@code 00 47 00 slot AC{80 alg [AA pin] [AB touch]}}, answered with
     * {@code 7F49{81 n, 82 e}} or {@code 7F49{86 point}}. DEFAULT policies are left out so the card's apply.
     */
    public PublicKey generate(PivKeyRef slot, PivAlgorithm algorithm, PinPolicy pinPolicy, TouchPolicy touchPolicy)
            throws IOException, PivException {
        requireKeySlot(slot);
        if (!algorithm.isRsa() && !algorithm.isEc()) {
            throw new IllegalArgumentException(algorithm + " cannot be generated here");
        }
        List<Tlv> crt = new ArrayList<>();
        crt.add(new Tlv(Pivs.TAG_ALGORITHM, new byte[] {(byte) algorithm.code()}));
        crt.addAll(policies(pinPolicy, touchPolicy));
        String op = "GENERATE " + slot.name();
        byte[] answer = session.send(op, new CommandApdu(0x00, Pivs.INS_GENERATE_ASYMMETRIC_KEY_PAIR, 0x00,
                slot.code(), Tlv.of(Pivs.TAG_CRT, crt).encode(), PivSession.LE_MAX));
        try {
            Tlv template = Tlv.parseSingle(answer);
            if (template.tag() != Pivs.TAG_PUBLIC_KEY) {
                throw new BadResponseException(op + ": tag " + Integer.toHexString(template.tag()).toUpperCase()
                        + " (expected: 7F49)");
            }
            return PublicKeys.decode(algorithm, template.value());
        } catch (DecodeException e) {
            throw new BadResponseException(op + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports a private key (YubiKey IMPORT KEY {@code 00 FE alg slot}): RSA as CRT parts {@code 01 p 02 q 03 dP
     * 04 dQ 05 qInv}, each padded to half the modulus; EC as {@code 06 s}; then the policies. Returns the algorithm.
     * Element buffers are wiped afterwards (the JCA key object itself is the caller's).
     */
    public PivAlgorithm importKey(PivKeyRef slot, PrivateKey key, PinPolicy pinPolicy, TouchPolicy touchPolicy)
            throws IOException, PivException {
        requireKeySlot(slot);
        PivAlgorithm algorithm = PublicKeys.algorithmOf(key);
        List<byte[]> secrets = new ArrayList<>();
        List<Tlv> elements = new ArrayList<>();
        if (key instanceof RSAPrivateCrtKey rsa) {
            int half = algorithm.elementLength() / 2;
            int[] tags = {TAG_P, TAG_Q, TAG_DP, TAG_DQ, TAG_QINV};
            java.math.BigInteger[] parts = {rsa.getPrimeP(), rsa.getPrimeQ(), rsa.getPrimeExponentP(),
                rsa.getPrimeExponentQ(), rsa.getCrtCoefficient()};
            for (int i = 0; i < tags.length; i++) {
                byte[] v = PublicKeys.fixed(parts[i], half);
                secrets.add(v);
                elements.add(new Tlv(tags[i], v));
            }
        } else if (key instanceof ECPrivateKey ec) {
            byte[] s = PublicKeys.fixed(ec.getS(), algorithm.elementLength());
            secrets.add(s);
            elements.add(new Tlv(TAG_EC_SCALAR, s));
        } else {
            throw new IllegalArgumentException("an RSA CRT or EC private key is needed, not " + key.getAlgorithm());
        }
        elements.addAll(policies(pinPolicy, touchPolicy));
        byte[] data = ObjectOperations.concat(elements.stream().map(Tlv::encode).toArray(byte[][]::new));
        try {
            session.send("IMPORT KEY " + slot.name(), new CommandApdu(0x00, Pivs.INS_IMPORT_KEY, algorithm.code(),
                    slot.code(), data));
        } finally {
            Arrays.fill(data, (byte) 0);
            secrets.forEach(s -> Arrays.fill(s, (byte) 0));
        }
        return algorithm;
    }

    /**
     * ATTEST {@code 00 F9 slot 00}: a certificate for a key generated on the card, signed by the F9 attestation key
     * (YubiKey PIV attestation; yubico-piv-tool doc/Attestation.adoc). Imported keys and empty slots give
     * {@link IncorrectDataException} (6A80).
     */
    public X509Certificate attest(PivKeyRef slot) throws IOException, PivException {
        requireKeySlot(slot);
        byte[] der = session.send("ATTEST " + slot.name(), new CommandApdu(0x00, Pivs.INS_ATTEST, slot.code(), 0x00,
                null, PivSession.LE_MAX));
        return ObjectOperations.parseCertificate(der, "ATTEST " + slot.name());
    }

    /** MOVE KEY {@code 00 F6 dest src} (YubiKey 5.7): an occupied destination is 6A80, an empty source 6A88. */
    public void moveKey(PivKeyRef source, PivKeyRef destination) throws IOException, PivException {
        requireKeySlot(source);
        requireKeySlot(destination);
        if (source == PivKeyRef.ATTESTATION || destination == PivKeyRef.ATTESTATION) {
            throw new IllegalArgumentException("the attestation key F9 cannot be moved");
        }
        session.send("MOVE KEY " + source.name() + " to " + destination.name(),
                new CommandApdu(0x00, Pivs.INS_MOVE_KEY, destination.code(), source.code()));
    }

    /** Deletes the key in {@code slot}: MOVE KEY with destination FF (YubiKey 5.7). */
    public void deleteKey(PivKeyRef slot) throws IOException, PivException {
        requireKeySlot(slot);
        session.send("DELETE KEY " + slot.name(), new CommandApdu(0x00, Pivs.INS_MOVE_KEY, P1_DELETE, slot.code()));
    }

    private static List<Tlv> policies(PinPolicy pin, TouchPolicy touch) {
        List<Tlv> out = new ArrayList<>();
        if (pin != PinPolicy.DEFAULT) {
            out.add(new Tlv(Pivs.TAG_PIN_POLICY, new byte[] {(byte) pin.code()}));
        }
        if (touch != TouchPolicy.DEFAULT) {
            out.add(new Tlv(Pivs.TAG_TOUCH_POLICY, new byte[] {(byte) touch.code()}));
        }
        return out;
    }

    static void requireKeySlot(PivKeyRef slot) {
        if (!slot.isAsymmetricSlot()) {
            throw new IllegalArgumentException(slot + " is not a key slot");
        }
    }
}
