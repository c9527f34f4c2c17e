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
import java.util.List;

/**
 * YubiKey GET METADATA {@code 00 F7 00 ref} (firmware 5.3+; Yubico .NET SDK "metadata", yubikit
 * {@code getSlotMetadata}): typed records for the PIN/PUK, the management key and key slots. An empty slot is a
 * {@link NotFoundException} (6A88); a card without the extension an {@link UnsupportedInstructionException}.
 */
public final class MetadataOperations {
    static final int TAG_ALGORITHM = 0x01;
    static final int TAG_POLICY = 0x02;
    static final int TAG_ORIGIN = 0x03;
    static final int TAG_PUBLIC_KEY = 0x04;
    static final int TAG_DEFAULT = 0x05;
    static final int TAG_RETRIES = 0x06;
    private static final int ORIGIN_GENERATED = 0x01;

    private final PivSession session;

    MetadataOperations(PivSession session) {
        this.session = session;
    }

    /** Metadata of the PIN (80) or PUK (81). */
    public PinMetadata pin(PivKeyRef reference) throws IOException, PivException {
        if (reference != PivKeyRef.PIN && reference != PivKeyRef.PUK) {
            throw new IllegalArgumentException(reference + " is not a PIN or PUK reference");
        }
        String op = "GET METADATA " + reference.name();
        List<Tlv> tlvs = fetch(op, reference);
        byte[] retries = require(op, tlvs, TAG_RETRIES, 2);
        return new PinMetadata(require(op, tlvs, TAG_DEFAULT, 1)[0] != 0, retries[0] & 0xFF, retries[1] & 0xFF);
    }

    /** Metadata of the management key (9B); ykman reads it to learn the key's algorithm. */
    public ManagementKeyMetadata managementKey() throws IOException, PivException {
        String op = "GET METADATA MANAGEMENT";
        List<Tlv> tlvs = fetch(op, PivKeyRef.MANAGEMENT);
        PivAlgorithm alg = algorithm(op, require(op, tlvs, TAG_ALGORITHM, 1)[0]);
        byte[] policy = require(op, tlvs, TAG_POLICY, 2);
        return new ManagementKeyMetadata(alg, require(op, tlvs, TAG_DEFAULT, 1)[0] != 0, touch(op, policy[1]));
    }

    /** Metadata of a key slot (9A, 9C, 9D, 9E, 82-95, F9). */
    public KeyMetadata key(PivKeyRef slot) throws IOException, PivException {
        KeyOperations.requireKeySlot(slot);
        String op = "GET METADATA " + slot.name();
        List<Tlv> tlvs = fetch(op, slot);
        PivAlgorithm alg = algorithm(op, require(op, tlvs, TAG_ALGORITHM, 1)[0]);
        byte[] policy = require(op, tlvs, TAG_POLICY, 2);
        PinPolicy pin;
        try {
            pin = PinPolicy.fromCode(policy[0] & 0xFF);
        } catch (IllegalArgumentException e) {
            throw new BadResponseException(op + ": " + e.getMessage(), e);
        }
        boolean generated = require(op, tlvs, TAG_ORIGIN, 1)[0] == ORIGIN_GENERATED;
        byte[] publicKey = Tlv.find(tlvs, TAG_PUBLIC_KEY).orElseThrow(() ->
                new BadResponseException(op + ": tag 04 (public key) missing")).value();
        return new KeyMetadata(alg, pin, touch(op, policy[1]), generated, PublicKeys.decode(alg, publicKey));
    }

    private List<Tlv> fetch(String op, PivKeyRef reference) throws IOException, PivException {
        byte[] data = session.send(op, new CommandApdu(0x00, Pivs.INS_GET_METADATA, 0x00, reference.code(), null,
                PivSession.LE_MAX));
        try {
            return Tlv.parseAll(data);
        } catch (DecodeException e) {
            throw new BadResponseException(op + ": " + e.getMessage(), e);
        }
    }

    private static byte[] require(String op, List<Tlv> tlvs, int tag, int length) throws BadResponseException {
        Tlv t = Tlv.find(tlvs, tag).orElseThrow(() -> new BadResponseException(op + ": tag 0" + tag + " missing"));
        if (t.length() != length) {
            throw new BadResponseException(op + ": tag 0" + tag + " is " + t.length() + " bytes (expected: "
                    + length + ")");
        }
        return t.value();
    }

    private static PivAlgorithm algorithm(String op, byte code) throws BadResponseException {
        return PivAlgorithm.find(code & 0xFF).orElseThrow(() ->
                new BadResponseException(op + String.format(": unknown algorithm %02X", code & 0xFF)));
    }

    private static TouchPolicy touch(String op, byte code) throws BadResponseException {
        try {
            return TouchPolicy.fromCode(code & 0xFF);
        } catch (IllegalArgumentException e) {
            throw new BadResponseException(op + ": " + e.getMessage(), e);
        }
    }
}
