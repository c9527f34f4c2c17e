package dev.scbridge.card;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.Pivs;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;

/**
 * Key commands: GENERAL AUTHENTICATE for asymmetric slots (SP 800-73-4 Part 2 3.2.4), GENERATE ASYMMETRIC KEY PAIR
 * (3.3.2), and the YubiKey IMPORT KEY (FE), SET MANAGEMENT KEY (FF), ATTEST (F9), GET METADATA (F7) and MOVE KEY
 * (F6). Management-key authentication lives in {@link AdminAuthentication}.
 */
final class KeyCommands {
    private final PivCard card;
    private final AdminAuthentication admin;

    KeyCommands(PivCard card) {
        this.card = card;
        this.admin = new AdminAuthentication(card);
    }

    private static List<Tlv> parse(byte[] data) {
        try {
            return Tlv.parseAll(data);
        } catch (DecodeException e) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
    }

    byte[] generalAuthenticate(CommandApdu c) {
        Optional<PivKeyRef> ref = PivKeyRef.find(c.p2());
        if (ref.isEmpty() || !(ref.get().isAsymmetricSlot() || ref.get() == PivKeyRef.MANAGEMENT)
                || ref.get() == PivKeyRef.ATTESTATION) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        if (c.p1() != 0 && PivAlgorithm.find(c.p1()).isEmpty()) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        List<Tlv> template = parse(c.data());
        if (template.size() != 1 || template.get(0).tag() != Pivs.TAG_DYN_AUTH) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        List<Tlv> items = parse(template.get(0).value());
        if (ref.get() == PivKeyRef.MANAGEMENT) {
            return admin.authenticate(c.p1(), items);
        }
        card.status.clearAdminChallenge();
        return asymmetric(ref.get(), c.p1(), items);
    }

    /** Sign / decipher (82 00 + 81 input) or ECDH (82 00 + 85 point) with a slot key. */
    private byte[] asymmetric(PivKeyRef slot, int p1, List<Tlv> items) {
        SlotKey key = card.state.slots.get(slot);
        // YubiKey: an empty slot or a P1 that does not match the key is 6A80 (yubikit; facts/piv.md 5).
        if (key == null || key.algorithm().code() != p1) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        Optional<Tlv> response = Tlv.find(items, Pivs.TAG_RESPONSE);
        Optional<Tlv> challenge = Tlv.find(items, Pivs.TAG_CHALLENGE);
        Optional<Tlv> exponentiation = Tlv.find(items, Pivs.TAG_EXPONENTIATION);
        if (response.isEmpty() || response.get().length() != 0 || items.size() != 2
                || challenge.isPresent() == exponentiation.isPresent()) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        requirePin(slot, key);
        byte[] result = challenge.isPresent()
                ? key.privateOperation(challenge.get().value())
                : key.keyAgreement(exponentiation.get().value());
        return Tlv.of(Pivs.TAG_DYN_AUTH, new Tlv(Pivs.TAG_RESPONSE, result)).encode();
    }

    /** The slot's PIN rule: never, once per session, or verified by the immediately preceding command. */
    private void requirePin(PivKeyRef slot, SlotKey key) {
        PinPolicy policy = key.pinPolicy();
        if (policy == PinPolicy.DEFAULT) {
            policy = switch (slot.defaultPinRule()) {
                case NEVER -> PinPolicy.NEVER;
                case ALWAYS -> PinPolicy.ALWAYS;
                default -> PinPolicy.ONCE;
            };
        }
        switch (policy) {
            case NEVER:
                return;
            case ALWAYS:
            case MATCH_ALWAYS:
                if (!card.status.pinVerified || !card.status.pinJustVerified) {
                    throw new SwException(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
                }
                card.status.pinJustVerified = false;
                return;
            default:
                if (!card.status.pinVerified) {
                    throw new SwException(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
                }
        }
    }

    /** GENERATE ASYMMETRIC KEY PAIR: {@code AC {80 alg [AA pin] [AB touch]}} → {@code 7F49 {...}}. */
    byte[] generate(CommandApdu c) {
        if (c.p1() != 0x00) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        PivKeyRef slot = PivCard.asymmetricSlot(c.p2());
        card.requireAdmin();
        List<Tlv> outer = parse(c.data());
        if (outer.size() != 1 || outer.get(0).tag() != Pivs.TAG_CRT) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        List<Tlv> crt = parse(outer.get(0).value());
        Tlv alg = Tlv.find(crt, Pivs.TAG_ALGORITHM).orElseThrow(() -> new SwException(StatusWord.INCORRECT_DATA));
        PivAlgorithm algorithm = singleByte(alg).flatMap(PivAlgorithm::find).filter(SlotKey::canGenerate)
                .orElseThrow(() -> new SwException(StatusWord.INCORRECT_DATA));
        PinPolicy pin = pinPolicy(crt);
        TouchPolicy touch = touchPolicy(crt);
        KeyPair pair = SlotKey.generate(algorithm, card.random);
        SlotKey key = new SlotKey(algorithm, pair, pin, touch, KeyOrigin.GENERATED);
        card.state.slots.put(slot, key);
        return key.publicKeyTemplate();
    }

    private static Optional<Integer> singleByte(Tlv t) {
        return t.length() == 1 ? Optional.of(t.value()[0] & 0xFF) : Optional.empty();
    }

    private static PinPolicy pinPolicy(List<Tlv> tlvs) {
        Optional<Tlv> t = Tlv.find(tlvs, Pivs.TAG_PIN_POLICY);
        if (t.isEmpty()) {
            return PinPolicy.DEFAULT;
        }
        int v = singleByte(t.get()).orElseThrow(() -> new SwException(StatusWord.INCORRECT_DATA));
        try {
            return PinPolicy.fromCode(v);
        } catch (IllegalArgumentException e) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
    }

    private static TouchPolicy touchPolicy(List<Tlv> tlvs) {
        Optional<Tlv> t = Tlv.find(tlvs, Pivs.TAG_TOUCH_POLICY);
        if (t.isEmpty()) {
            return TouchPolicy.DEFAULT;
        }
        int v = singleByte(t.get()).orElseThrow(() -> new SwException(StatusWord.INCORRECT_DATA));
        try {
            return TouchPolicy.fromCode(v);
        } catch (IllegalArgumentException e) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
    }

    /** YubiKey IMPORT KEY (FE): P1 algorithm, P2 slot; RSA CRT parts 01-05 or EC scalar 06; AA/AB policies. */
    byte[] importKey(CommandApdu c) {
        PivKeyRef slot = PivCard.asymmetricSlot(c.p2());
        PivAlgorithm algorithm = PivAlgorithm.find(c.p1()).filter(SlotKey::canGenerate)
                .orElseThrow(() -> new SwException(StatusWord.INCORRECT_P1P2));
        card.requireAdmin();
        List<Tlv> tlvs = parse(c.data());
        KeyPair pair;
        try {
            pair = KeyImport.decode(algorithm, tlvs);
        } catch (IllegalArgumentException e) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        card.state.slots.put(slot, new SlotKey(algorithm, pair, pinPolicy(tlvs), touchPolicy(tlvs), KeyOrigin.IMPORTED));
        return new byte[0];
    }

    /** YubiKey SET MANAGEMENT KEY (FF): P1 FF, P2 FF (no touch) or FE (touch); data {@code alg 9B len key}. */
    byte[] setManagementKey(CommandApdu c) {
        if (c.p1() != 0xFF || (c.p2() != 0xFF && c.p2() != 0xFE)) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        card.requireAdmin();
        byte[] d = c.data();
        try {
            if (d.length < 3 || (d[1] & 0xFF) != PivKeyRef.MANAGEMENT.code() || (d[2] & 0xFF) != d.length - 3) {
                throw new SwException(StatusWord.INCORRECT_DATA);
            }
            PivAlgorithm alg = PivAlgorithm.find(d[0] & 0xFF).filter(PivAlgorithm::isSymmetric)
                    .orElseThrow(() -> new SwException(StatusWord.INCORRECT_DATA));
            byte[] key = java.util.Arrays.copyOfRange(d, 3, d.length);
            try {
                ManagementKey fresh = new ManagementKey(alg, key,
                        c.p2() == 0xFE ? TouchPolicy.ALWAYS : TouchPolicy.NEVER);
                card.state.managementKey.wipe();
                card.state.managementKey = fresh;
            } catch (IllegalArgumentException e) {
                throw new SwException(StatusWord.INCORRECT_DATA);
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
            return new byte[0];
        } finally {
            java.util.Arrays.fill(d, (byte) 0);
        }
    }

    /** The card's own attestation key and certificate (slot F9, object 5FFF01), made on first use. */
    SlotKey attestationKey() {
        SlotKey key = card.state.slots.get(PivKeyRef.ATTESTATION);
        if (key == null) {
            key = new SlotKey(PivAlgorithm.ECC_P256, SlotKey.generate(PivAlgorithm.ECC_P256, card.random),
                    PinPolicy.NEVER, TouchPolicy.NEVER, KeyOrigin.GENERATED);
            card.state.slots.put(PivKeyRef.ATTESTATION, key);
            byte[] cert = Attestation.selfSignedAttestationCertificate(key, card.state.serial, card.random);
            card.state.objects.put(PivKeyRef.ATTESTATION.certificateObject(),
                    dev.scbridge.apdu.piv.CertificateContainer.of(cert).encode());
        }
        return key;
    }

    /** YubiKey ATTEST (F9): a fresh X.509 statement for a key generated on the card, signed by the F9 key. */
    byte[] attest(CommandApdu c) {
        if (c.p2() != 0x00) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        PivKeyRef slot = PivCard.asymmetricSlot(c.p1());
        SlotKey key = card.state.slots.get(slot);
        if (slot == PivKeyRef.ATTESTATION || key == null || key.origin() != KeyOrigin.GENERATED) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        SlotKey f9 = attestationKey();
        byte[] f9Cert = currentAttestationCertificate();
        return Attestation.statement(slot, key, f9, f9Cert, card.state.version, card.state.serial, card.random);
    }

    private byte[] currentAttestationCertificate() {
        byte[] container = card.state.objects.get(PivKeyRef.ATTESTATION.certificateObject());
        try {
            return dev.scbridge.apdu.piv.CertificateContainer.decode(container).certificateDer();
        } catch (DecodeException | NullPointerException e) {
            throw new SwException(StatusWord.CONDITIONS_NOT_SATISFIED);
        }
    }

    /** YubiKey GET METADATA (F7): TLVs 01 alg, 02 policies, 03 origin, 04 public key, 05 default, 06 retries. */
    byte[] metadata(CommandApdu c) {
        if (c.p1() != 0x00) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        if (c.nc() != 0) {
            throw new SwException(StatusWord.WRONG_LENGTH);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PivKeyRef ref = PivKeyRef.find(c.p2()).orElseThrow(() -> new SwException(StatusWord.REFERENCE_DATA_NOT_FOUND));
        switch (ref) {
            case PIN:
            case PUK: {
                ReferenceData r = ref == PivKeyRef.PIN ? card.state.pin : card.state.puk;
                out.writeBytes(new Tlv(0x01, new byte[] {(byte) 0xFF}).encode());
                out.writeBytes(new Tlv(0x05, new byte[] {(byte) (r.isDefault() ? 1 : 0)}).encode());
                out.writeBytes(new Tlv(0x06, new byte[] {(byte) r.retriesTotal(), (byte) r.retriesLeft()}).encode());
                break;
            }
            case MANAGEMENT: {
                ManagementKey k = card.state.managementKey;
                out.writeBytes(new Tlv(0x01, new byte[] {(byte) k.algorithm().code()}).encode());
                out.writeBytes(new Tlv(0x02, new byte[] {0x00, (byte) k.touch().code()}).encode());
                out.writeBytes(new Tlv(0x05, new byte[] {(byte) (k.isDefault() ? 1 : 0)}).encode());
                break;
            }
            default: {
                SlotKey k = ref == PivKeyRef.ATTESTATION ? attestationKey() : card.state.slots.get(ref);
                if (k == null) {
                    throw new SwException(StatusWord.REFERENCE_DATA_NOT_FOUND);
                }
                out.writeBytes(new Tlv(0x01, new byte[] {(byte) k.algorithm().code()}).encode());
                out.writeBytes(new Tlv(0x02, new byte[] {(byte) effectivePin(ref, k).code(),
                    (byte) effectiveTouch(k).code()}).encode());
                out.writeBytes(new Tlv(0x03, new byte[] {(byte) k.origin().code()}).encode());
                out.writeBytes(new Tlv(0x04, k.publicKeyContents()).encode());
                break;
            }
        }
        return out.toByteArray();
    }

    static PinPolicy effectivePin(PivKeyRef slot, SlotKey k) {
        if (k.pinPolicy() != PinPolicy.DEFAULT) {
            return k.pinPolicy();
        }
        switch (slot.defaultPinRule()) {
            case NEVER: return PinPolicy.NEVER;
            case ALWAYS: return PinPolicy.ALWAYS;
            default: return PinPolicy.ONCE;
        }
    }

    static TouchPolicy effectiveTouch(SlotKey k) {
        return k.touchPolicy() == TouchPolicy.DEFAULT ? TouchPolicy.NEVER : k.touchPolicy();
    }

    /** YubiKey MOVE KEY (F6): P1 destination (FF deletes), P2 source; the F9 key cannot move. */
    byte[] move(CommandApdu c) {
        if (c.nc() != 0) {
            throw new SwException(StatusWord.WRONG_LENGTH);
        }
        PivKeyRef source = PivCard.asymmetricSlot(c.p2());
        PivKeyRef dest = c.p1() == 0xFF ? null : PivCard.asymmetricSlot(c.p1());
        if (source == PivKeyRef.ATTESTATION || dest == PivKeyRef.ATTESTATION || source == dest) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        card.requireAdmin();
        SlotKey key = card.state.slots.get(source);
        if (key == null) {
            throw new SwException(StatusWord.REFERENCE_DATA_NOT_FOUND);
        }
        if (dest != null && card.state.slots.containsKey(dest)) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        card.state.slots.remove(source);
        if (dest != null) {
            card.state.slots.put(dest, key);
        }
        return new byte[0];
    }
}
