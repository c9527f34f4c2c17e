package dev.scbridge.card;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.DiscoveryObject;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.apdu.piv.Pivs;
import java.util.List;
import java.util.Set;

/**
 * GET DATA (SP 800-73-4 Part 2 3.1.2) and PUT DATA (3.3.1): objects travel in a {@code 53} wrapper, except
 * the discovery object (7E) and the BIT group template (7F61), which are returned as they are and are not writable.
 * Read rules per SP 800-73-4 Part 1 Appendix A; writes need the management key (facts/piv.md section 7).
 */
final class DataCommands {
    /**
     * The discovery object a YubiKey answers (Yubico .NET SDK "Encoded discovery"): the full AID and PIN usage
     * policy 40 00 (PIV PIN only).
     */
    static final byte[] DISCOVERY = DiscoveryObject.yubikeyDefault().encode();

    /**
     * The objects a YubiKey reads only after VERIFY: fingerprints, facial image, printed information, iris images
     * (Yubico .NET SDK get-and-put-data, piv-objects). The pairing code 5FC123, "PIN or OCC" in SP 800-73-4, is free
     * to read on a YubiKey, as docs/virtual-card.md says.
     */
    private static final Set<Integer> PIN_PROTECTED_READS = Set.of(PivObjectId.FINGERPRINTS.code(),
            PivObjectId.FACIAL_IMAGE.code(), PivObjectId.PRINTED_INFORMATION.code(), PivObjectId.IRIS_IMAGES.code());

    private final PivCard card;

    DataCommands(PivCard card) {
        this.card = card;
    }

    /** The id inside {@code 5C}: 1 to 3 bytes. */
    private static int objectId(Tlv tagList) {
        int len = tagList.length();
        if (tagList.tag() != Pivs.TAG_OBJECT_ID || len < 1 || len > 3) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        int id = 0;
        for (byte b : tagList.value()) {
            id = (id << 8) | (b & 0xFF);
        }
        return id;
    }

    /** Objects a YubiKey stores: the PIV ids and any 3-byte id 5F0000-5FFFFF (Yubico .NET SDK piv-objects). */
    static boolean isStorable(int id) {
        return id >= 0x5F0000 && id <= 0x5FFFFF;
    }

    byte[] getData(CommandApdu c) {
        if (c.p1() != 0x3F || c.p2() != 0xFF) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        int id;
        try {
            id = objectId(Tlv.parseSingle(c.data()));
        } catch (DecodeException e) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        if (id == PivObjectId.DISCOVERY.code()) {
            return DISCOVERY.clone();
        }
        if (PIN_PROTECTED_READS.contains(id) && !card.status.pinVerified) {
            throw new SwException(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (id == PivKeyRef.ATTESTATION.certificateObject()) {
            card.keys().attestationKey();
        }
        byte[] content = card.state.objects.get(id);
        if (content == null) {
            throw new SwException(StatusWord.FILE_NOT_FOUND);
        }
        return new Tlv(Pivs.TAG_DATA, content).encode();
    }

    byte[] putData(CommandApdu c) {
        if (c.p1() != 0x3F || c.p2() != 0xFF) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        card.requireAdmin();
        List<Tlv> tlvs;
        try {
            tlvs = Tlv.parseAll(c.data());
        } catch (DecodeException e) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        if (tlvs.isEmpty()) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        int first = tlvs.get(0).tag();
        if (first == PivObjectId.DISCOVERY.code() || first == PivObjectId.BIOMETRIC_INFORMATION_TEMPLATES_GROUP.code()) {
            throw new SwException(StatusWord.FUNCTION_NOT_SUPPORTED);
        }
        if (tlvs.size() != 2 || tlvs.get(1).tag() != Pivs.TAG_DATA) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        int id = objectId(tlvs.get(0));
        if (id == PivObjectId.DISCOVERY.code() || id == PivObjectId.BIOMETRIC_INFORMATION_TEMPLATES_GROUP.code()) {
            throw new SwException(StatusWord.FUNCTION_NOT_SUPPORTED);
        }
        if (!isStorable(id)) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        byte[] content = tlvs.get(1).value();
        if (content.length == 0) {
            // 53 00 deletes the object; a later GET DATA answers 6A82 (yubico-piv-tool delete-certificate).
            card.state.objects.remove(id);
            return new byte[0];
        }
        byte[] previous = card.state.objects.get(id);
        int used = card.state.objectBytes() - (previous == null ? 0 : previous.length);
        if (content.length > PivCardState.MAX_OBJECT_SIZE
                || used + content.length > PivCardState.MAX_TOTAL_OBJECT_BYTES) {
            throw new SwException(StatusWord.NOT_ENOUGH_MEMORY);
        }
        card.state.objects.put(id, content);
        return new byte[0];
    }
}
