package dev.scbridge.apdu.piv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PIV data object identifiers, SP 800-73-4 Part 1 section 3 and Appendix A (container table), plus the Yubico
 * objects real tools use (yubico-piv-tool ykpiv.h). The id is what goes in the {@code 5C} tag of GET/PUT DATA.
 */
public enum PivObjectId {
    CCC(0x5FC107, "Card Capability Container", Access.ALWAYS),
    CHUID(0x5FC102, "Card Holder Unique Identifier", Access.ALWAYS),
    CERT_PIV_AUTH(0x5FC105, "X.509 Certificate for PIV Authentication (9A)", Access.ALWAYS),
    FINGERPRINTS(0x5FC103, "Cardholder Fingerprints", Access.PIN),
    SECURITY_OBJECT(0x5FC106, "Security Object", Access.ALWAYS),
    FACIAL_IMAGE(0x5FC108, "Cardholder Facial Image", Access.PIN),
    PRINTED_INFORMATION(0x5FC109, "Printed Information", Access.PIN),
    CERT_DIGITAL_SIGNATURE(0x5FC10A, "X.509 Certificate for Digital Signature (9C)", Access.ALWAYS),
    CERT_KEY_MANAGEMENT(0x5FC10B, "X.509 Certificate for Key Management (9D)", Access.ALWAYS),
    CERT_CARD_AUTH(0x5FC101, "X.509 Certificate for Card Authentication (9E)", Access.ALWAYS),
    DISCOVERY(0x7E, "Discovery Object", Access.ALWAYS),
    KEY_HISTORY(0x5FC10C, "Key History Object", Access.ALWAYS),
    RETIRED_CERT_1(0x5FC10D, "Retired X.509 Certificate for Key Management 1 (82)", Access.ALWAYS),
    RETIRED_CERT_2(0x5FC10E, "Retired X.509 Certificate for Key Management 2 (83)", Access.ALWAYS),
    RETIRED_CERT_3(0x5FC10F, "Retired X.509 Certificate for Key Management 3 (84)", Access.ALWAYS),
    RETIRED_CERT_4(0x5FC110, "Retired X.509 Certificate for Key Management 4 (85)", Access.ALWAYS),
    RETIRED_CERT_5(0x5FC111, "Retired X.509 Certificate for Key Management 5 (86)", Access.ALWAYS),
    RETIRED_CERT_6(0x5FC112, "Retired X.509 Certificate for Key Management 6 (87)", Access.ALWAYS),
    RETIRED_CERT_7(0x5FC113, "Retired X.509 Certificate for Key Management 7 (88)", Access.ALWAYS),
    RETIRED_CERT_8(0x5FC114, "Retired X.509 Certificate for Key Management 8 (89)", Access.ALWAYS),
    RETIRED_CERT_9(0x5FC115, "Retired X.509 Certificate for Key Management 9 (8A)", Access.ALWAYS),
    RETIRED_CERT_10(0x5FC116, "Retired X.509 Certificate for Key Management 10 (8B)", Access.ALWAYS),
    RETIRED_CERT_11(0x5FC117, "Retired X.509 Certificate for Key Management 11 (8C)", Access.ALWAYS),
    RETIRED_CERT_12(0x5FC118, "Retired X.509 Certificate for Key Management 12 (8D)", Access.ALWAYS),
    RETIRED_CERT_13(0x5FC119, "Retired X.509 Certificate for Key Management 13 (8E)", Access.ALWAYS),
    RETIRED_CERT_14(0x5FC11A, "Retired X.509 Certificate for Key Management 14 (8F)", Access.ALWAYS),
    RETIRED_CERT_15(0x5FC11B, "Retired X.509 Certificate for Key Management 15 (90)", Access.ALWAYS),
    RETIRED_CERT_16(0x5FC11C, "Retired X.509 Certificate for Key Management 16 (91)", Access.ALWAYS),
    RETIRED_CERT_17(0x5FC11D, "Retired X.509 Certificate for Key Management 17 (92)", Access.ALWAYS),
    RETIRED_CERT_18(0x5FC11E, "Retired X.509 Certificate for Key Management 18 (93)", Access.ALWAYS),
    RETIRED_CERT_19(0x5FC11F, "Retired X.509 Certificate for Key Management 19 (94)", Access.ALWAYS),
    RETIRED_CERT_20(0x5FC120, "Retired X.509 Certificate for Key Management 20 (95)", Access.ALWAYS),
    IRIS_IMAGES(0x5FC121, "Cardholder Iris Images", Access.PIN),
    BIOMETRIC_INFORMATION_TEMPLATES_GROUP(0x7F61, "Biometric Information Templates Group Template", Access.ALWAYS),
    SM_CERT_SIGNER(0x5FC122, "Secure Messaging Certificate Signer", Access.ALWAYS),
    PAIRING_CODE_REFERENCE(0x5FC123, "Pairing Code Reference Data Container", Access.PIN),
    /** Yubico: PIN-protected management key and admin flags (yubico-piv-tool internal.h). */
    YUBICO_ADMIN_DATA(0x5FFF00, "Yubico admin data", Access.ALWAYS),
    /** Yubico: the attestation certificate for slot F9. */
    YUBICO_ATTESTATION_CERT(0x5FFF01, "Yubico attestation certificate (F9)", Access.ALWAYS),
    YUBICO_MSCMAP(0x5FFF10, "Yubico MS container map", Access.ALWAYS),
    YUBICO_MSROOTS_1(0x5FFF11, "Yubico MS roots 1", Access.ALWAYS),
    YUBICO_MSROOTS_2(0x5FFF12, "Yubico MS roots 2", Access.ALWAYS),
    YUBICO_MSROOTS_3(0x5FFF13, "Yubico MS roots 3", Access.ALWAYS),
    YUBICO_MSROOTS_4(0x5FFF14, "Yubico MS roots 4", Access.ALWAYS),
    YUBICO_MSROOTS_5(0x5FFF15, "Yubico MS roots 5", Access.ALWAYS);

    /** Contact-interface read rule, SP 800-73-4 Part 1 Appendix A. */
    public enum Access {
        ALWAYS,
        PIN
    }

    private static final Map<Integer, PivObjectId> BY_CODE = new HashMap<>();

    static {
        for (PivObjectId id : values()) {
            BY_CODE.put(id.code, id);
        }
    }

    private final int code;
    private final String title;
    private final Access readAccess;

    PivObjectId(int code, String title, Access readAccess) {
        this.code = code;
        this.title = title;
        this.readAccess = readAccess;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Access readAccess() {
        return readAccess;
    }

    /** The bytes that go inside {@code 5C}: 3 bytes for 5FC1xx, 1 for 7E, 2 for 7F61. */
    public byte[] tagBytes() {
        return dev.scbridge.apdu.Tlv.tagBytes(code);
    }

    /** Certificate objects hold a {@code 70/71/FE} container. */
    public boolean isCertificate() {
        return this == CERT_PIV_AUTH || this == CERT_DIGITAL_SIGNATURE || this == CERT_KEY_MANAGEMENT
                || this == CERT_CARD_AUTH || this == YUBICO_ATTESTATION_CERT || name().startsWith("RETIRED_CERT_");
    }

    /** 7E and 7F61 are returned unwrapped and cannot be written (SP 800-73-4 Part 2, GET DATA). */
    public boolean isUnwrapped() {
        return this == DISCOVERY || this == BIOMETRIC_INFORMATION_TEMPLATES_GROUP;
    }

    public static Optional<PivObjectId> find(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** Checked lookup: IllegalArgumentException names the unknown code. */
    public static PivObjectId fromCode(int code) {
        PivObjectId id = BY_CODE.get(code);
        if (id == null) {
            throw new IllegalArgumentException("unknown PIV object id " + Integer.toHexString(code).toUpperCase());
        }
        return id;
    }

    /** The certificate object for a key slot, if it has one. */
    public static Optional<PivObjectId> certificateFor(PivKeyRef slot) {
        int code = slot.certificateObject();
        return code == 0 ? Optional.empty() : find(code);
    }

    static String list() {
        return Arrays.toString(values());
    }
}
