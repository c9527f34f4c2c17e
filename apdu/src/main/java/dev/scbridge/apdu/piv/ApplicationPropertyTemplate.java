package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Application Property Template, the data of a successful SELECT, SP 800-73-4 Part 2 3.1.1 (SELECT) and its tables
 * "Data objects in the PIV Card Application property template", "... coexistent tag allocation authority template"
 * and "... cryptographic algorithm identifier template".
 *
 * <pre>
 *  61 L
 *     4F L AID or PIX+version       (M) YubiKey: 00 00 10 00 01 00; spec: the full AID
 *     79 L { 4F L AID }             (M) coexistent tag allocation authority, e.g. the RID A0 00 00 03 08
 *     50 L label                    (O) text
 *     5F50 L URL                    (O) text
 *     AC L { 80 01 alg ... 06 01 00 } (C) algorithms supported; one AC per algorithm is also accepted (PivApplet)
 * </pre>
 *
 * Encoding writes the algorithms, if any, as one {@code AC} holding one {@code 80} per algorithm and {@code 06 01 00}.
 */
public record ApplicationPropertyTemplate(byte[] applicationId, byte[] coexistentTagAllocationAuthority,
                                          Optional<String> label, Optional<String> url, List<Integer> algorithms) {
    public static final int TAG = 0x61;
    /** ISO/IEC 7816-4 8.2.1.2: an AID (or the PIX part hosts accept) is at most 16 bytes. */
    public static final int MAX_AID_LENGTH = 16;
    /**
     * SP 800-73-4 gives no maximum for the label and URL; 127 keeps each in a one-byte BER length and the APT in
     * one short response.
     */
    public static final int MAX_TEXT_LENGTH = 127;
    /** Bounds the AC list; SP 800-78-4 Table 6-2 defines fewer identifiers than this. */
    public static final int MAX_ALGORITHMS = 32;

    private static final String OBJECT = "APT";
    private static final int TAG_AID = 0x4F;
    private static final int TAG_AUTHORITY = 0x79;
    private static final int TAG_LABEL = 0x50;
    private static final int TAG_URL = 0x5F50;
    private static final int TAG_ALGORITHMS = 0xAC;
    private static final int TAG_ALGORITHM = 0x80;
    private static final int TAG_OID = 0x06;
    /** "Object identifier 06: its value is set to 0x00" (SP 800-73-4 Part 2, AC template table). */
    private static final byte[] OID_VALUE = {0x00};
    /** PIX 00 00 10 00 and version 01 00, as a YubiKey 5 returns it. */
    private static final byte[] YUBIKEY_PIX = {0x00, 0x00, 0x10, 0x00, 0x01, 0x00};

    public ApplicationPropertyTemplate {
        applicationId = Args.bytes(applicationId, "application identifier", 1, MAX_AID_LENGTH);
        coexistentTagAllocationAuthority = Args.bytes(coexistentTagAllocationAuthority,
                "coexistent tag allocation authority", 1, MAX_AID_LENGTH);
        label = Args.optionalText(label, "label", 0, MAX_TEXT_LENGTH);
        url = Args.optionalText(url, "URL", 0, MAX_TEXT_LENGTH);
        if (algorithms == null || algorithms.size() > MAX_ALGORITHMS) {
            throw new IllegalArgumentException("algorithms must be a list of 0.." + MAX_ALGORITHMS + " entries");
        }
        for (Integer a : algorithms) {
            if (a == null) {
                throw new IllegalArgumentException("null algorithm");
            }
            Args.range(a, "algorithm identifier", 0, 0xFF);
        }
        algorithms = List.copyOf(algorithms);
    }

    /** The YubiKey 5 answer: {@code 61 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08}. */
    public static ApplicationPropertyTemplate yubikeyStyle() {
        return new ApplicationPropertyTemplate(YUBIKEY_PIX, Arrays.copyOf(Pivs.AID, Pivs.RID_LENGTH),
                Optional.empty(), Optional.empty(), List.of());
    }

    /** Decodes the whole {@code 61} template (the SELECT response data). */
    public static ApplicationPropertyTemplate decode(byte[] tlv) throws DecodeException {
        Tlv outer;
        try {
            outer = Tlv.parseSingle(tlv);
        } catch (DecodeException e) {
            throw new DecodeException(OBJECT + " " + e.field(), e.reason(), e.offset());
        }
        if (outer.tag() != TAG) {
            throw new DecodeException(OBJECT, "tag " + Elements.hex(outer.tag()) + " (expected: 61)", 0);
        }
        Elements e = Elements.parseRepeating(OBJECT, outer.value(), TAG_ALGORITHMS, TAG_AID, TAG_AUTHORITY, TAG_LABEL,
                TAG_URL, TAG_ALGORITHMS);
        byte[] aid = e.required(TAG_AID, "application identifier", 1, MAX_AID_LENGTH);
        byte[] authorityTemplate = e.required(TAG_AUTHORITY, "coexistent tag allocation authority", 0,
                Tlv.MAX_VALUE_LENGTH);
        Elements authority = Elements.parse(OBJECT + " authority", authorityTemplate, TAG_AID);
        byte[] rid = authority.required(TAG_AID, "application identifier", 1, MAX_AID_LENGTH);
        String label = e.text(TAG_LABEL, "label", e.optional(TAG_LABEL, "label", 0, MAX_TEXT_LENGTH));
        String url = e.text(TAG_URL, "URL", e.optional(TAG_URL, "URL", 0, MAX_TEXT_LENGTH));
        List<Integer> algorithms = new ArrayList<>();
        for (Tlv ac : e.all(TAG_ALGORITHMS)) {
            Elements alg = Elements.parseRepeating(OBJECT + " algorithms", ac.value(), TAG_ALGORITHM, TAG_ALGORITHM, TAG_OID);
            byte[] oid = alg.required(TAG_OID, "object identifier", 1, 1);
            if (oid[0] != 0) {
                throw alg.error(TAG_OID, "object identifier", String.format("%02X (expected: 00)", oid[0]));
            }
            List<Tlv> ids = alg.all(TAG_ALGORITHM);
            if (ids.isEmpty()) {
                throw alg.error(TAG_ALGORITHM, "algorithm identifier", "missing");
            }
            for (Tlv id : ids) {
                if (id.length() != 1) {
                    throw alg.error(TAG_ALGORITHM, "algorithm identifier", id.length() + " bytes (expected: 1)");
                }
                if (algorithms.size() == MAX_ALGORITHMS) {
                    throw e.error(TAG_ALGORITHMS, "algorithms", "more than " + MAX_ALGORITHMS);
                }
                algorithms.add(id.value()[0] & 0xFF);
            }
        }
        return new ApplicationPropertyTemplate(aid, rid, Optional.ofNullable(label), Optional.ofNullable(url),
                algorithms);
    }

    /** The whole {@code 61} template. */
    public byte[] encode() {
        Elements.Writer w = new Elements.Writer()
                .add(TAG_AID, applicationId)                                                    // 2 + 1..16
                .add(TAG_AUTHORITY, new Tlv(TAG_AID, coexistentTagAllocationAuthority).encode()) // 4 + 1..16
                .addText(TAG_LABEL, label.orElse(null))                                        // 2 + 0..127
                .addText(TAG_URL, url.orElse(null));                                           // 3 + 0..127
        if (!algorithms.isEmpty()) {
            Elements.Writer ac = new Elements.Writer();
            for (int a : algorithms) {
                ac.add(TAG_ALGORITHM, a);                                                      // 3 each
            }
            w.add(TAG_ALGORITHMS, ac.add(TAG_OID, OID_VALUE).toByteArray());                   // 2 + 3n + 3
        }
        return new Tlv(TAG, w.toByteArray()).encode();
    }

    @Override
    public byte[] applicationId() {
        return applicationId.clone();
    }

    @Override
    public byte[] coexistentTagAllocationAuthority() {
        return coexistentTagAllocationAuthority.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApplicationPropertyTemplate a && Arrays.equals(a.applicationId, applicationId)
                && Arrays.equals(a.coexistentTagAllocationAuthority, coexistentTagAllocationAuthority)
                && a.label.equals(label) && a.url.equals(url) && a.algorithms.equals(algorithms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(applicationId) * 31 + algorithms.hashCode();
    }

    @Override
    public String toString() {
        return "ApplicationPropertyTemplate[aid=" + Hex.plain(applicationId) + ", authority="
                + Hex.plain(coexistentTagAllocationAuthority) + ", label=" + label.orElse("-") + ", algorithms="
                + algorithms + "]";
    }
}
