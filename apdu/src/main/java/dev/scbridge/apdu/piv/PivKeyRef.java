package dev.scbridge.apdu.piv;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Key references, SP 800-73-4 Part 1 Table 4 (plus the Yubico attestation key F9): the P2 of GENERAL AUTHENTICATE,
 * GENERATE ASYMMETRIC KEY PAIR and the YubiKey key commands, and P2 of VERIFY for the PIN and PUK.
 */
public enum PivKeyRef {
    PIN(0x80, 0, PinRule.NONE, "PIV Card Application PIN"),
    PUK(0x81, 0, PinRule.NONE, "PIN Unblocking Key"),
    MANAGEMENT(0x9B, 0, PinRule.NONE, "PIV Card Application Administration Key"),
    AUTHENTICATION(0x9A, 0x5FC105, PinRule.ONCE, "PIV Authentication"),
    SIGNATURE(0x9C, 0x5FC10A, PinRule.ALWAYS, "Digital Signature"),
    KEY_MANAGEMENT(0x9D, 0x5FC10B, PinRule.ONCE, "Key Management"),
    CARD_AUTH(0x9E, 0x5FC101, PinRule.NEVER, "Card Authentication"),
    RETIRED_1(0x82, 0x5FC10D, PinRule.ONCE, "Retired Key Management 1"),
    RETIRED_2(0x83, 0x5FC10E, PinRule.ONCE, "Retired Key Management 2"),
    RETIRED_3(0x84, 0x5FC10F, PinRule.ONCE, "Retired Key Management 3"),
    RETIRED_4(0x85, 0x5FC110, PinRule.ONCE, "Retired Key Management 4"),
    RETIRED_5(0x86, 0x5FC111, PinRule.ONCE, "Retired Key Management 5"),
    RETIRED_6(0x87, 0x5FC112, PinRule.ONCE, "Retired Key Management 6"),
    RETIRED_7(0x88, 0x5FC113, PinRule.ONCE, "Retired Key Management 7"),
    RETIRED_8(0x89, 0x5FC114, PinRule.ONCE, "Retired Key Management 8"),
    RETIRED_9(0x8A, 0x5FC115, PinRule.ONCE, "Retired Key Management 9"),
    RETIRED_10(0x8B, 0x5FC116, PinRule.ONCE, "Retired Key Management 10"),
    RETIRED_11(0x8C, 0x5FC117, PinRule.ONCE, "Retired Key Management 11"),
    RETIRED_12(0x8D, 0x5FC118, PinRule.ONCE, "Retired Key Management 12"),
    RETIRED_13(0x8E, 0x5FC119, PinRule.ONCE, "Retired Key Management 13"),
    RETIRED_14(0x8F, 0x5FC11A, PinRule.ONCE, "Retired Key Management 14"),
    RETIRED_15(0x90, 0x5FC11B, PinRule.ONCE, "Retired Key Management 15"),
    RETIRED_16(0x91, 0x5FC11C, PinRule.ONCE, "Retired Key Management 16"),
    RETIRED_17(0x92, 0x5FC11D, PinRule.ONCE, "Retired Key Management 17"),
    RETIRED_18(0x93, 0x5FC11E, PinRule.ONCE, "Retired Key Management 18"),
    RETIRED_19(0x94, 0x5FC11F, PinRule.ONCE, "Retired Key Management 19"),
    RETIRED_20(0x95, 0x5FC120, PinRule.ONCE, "Retired Key Management 20"),
    /** Yubico: the attestation key; used only by ATTEST (INS F9). */
    ATTESTATION(0xF9, 0x5FFF01, PinRule.NEVER, "Yubico Attestation");

    /** The default PIN policy of a slot (SP 800-73-4 Part 1 Table 4; YubiKey pin-touch-policies). */
    public enum PinRule {
        /** Not an asymmetric key slot. */
        NONE,
        /** No PIN needed (9E). */
        NEVER,
        /** A PIN verified once in the session (9A, 9D, 82-95). */
        ONCE,
        /** The PIN verified immediately before each use (9C). */
        ALWAYS
    }

    private static final Map<Integer, PivKeyRef> BY_CODE = new HashMap<>();

    static {
        for (PivKeyRef k : values()) {
            BY_CODE.put(k.code, k);
        }
    }

    private final int code;
    private final int certificateObject;
    private final PinRule defaultPinRule;
    private final String title;

    PivKeyRef(int code, int certificateObject, PinRule defaultPinRule, String title) {
        this.code = code;
        this.certificateObject = certificateObject;
        this.defaultPinRule = defaultPinRule;
        this.title = title;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public PinRule defaultPinRule() {
        return defaultPinRule;
    }

    /** Object id of the slot's certificate container, 0 for PIN, PUK and 9B. */
    public int certificateObject() {
        return certificateObject;
    }

    /** A slot that holds an asymmetric key (9A, 9C, 9D, 9E, 82-95, F9). */
    public boolean isAsymmetricSlot() {
        return defaultPinRule != PinRule.NONE;
    }

    public boolean isRetired() {
        return code >= 0x82 && code <= 0x95;
    }

    public static Optional<PivKeyRef> find(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** Checked lookup: IllegalArgumentException names the unknown code. */
    public static PivKeyRef fromCode(int code) {
        PivKeyRef k = BY_CODE.get(code);
        if (k == null) {
            throw new IllegalArgumentException(String.format("unknown PIV key reference %02X", code));
        }
        return k;
    }

    /** Parses "9a", "9A", "0x9a" or a name such as "AUTHENTICATION"; IllegalArgumentException otherwise. */
    public static PivKeyRef parse(String text) {
        String t = text.trim();
        try {
            return valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAName) {
            String hex = t.toLowerCase(Locale.ROOT).startsWith("0x") ? t.substring(2) : t;
            try {
                return fromCode(Integer.parseInt(hex, 16));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a PIV slot: " + text);
            }
        }
    }
}
