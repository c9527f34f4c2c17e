package dev.scbridge.card;

/** PIN policy of a key slot, YubiKey tag AA values (yubico-piv-tool ykpiv.h YKPIV_PINPOLICY_*). */
public enum PinPolicy {
    DEFAULT(0x00),
    NEVER(0x01),
    ONCE(0x02),
    ALWAYS(0x03),
    /** Biometric match once (YubiKey Bio); the software card treats it as ONCE. */
    MATCH_ONCE(0x04),
    /** Biometric match always; treated as ALWAYS. */
    MATCH_ALWAYS(0x05);

    private final int code;

    PinPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static PinPolicy fromCode(int code) {
        for (PinPolicy p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.format("unknown PIN policy %02X", code));
    }
}
