package dev.scbridge.card;

/**
 * Touch policy, YubiKey tag AB values. A software card has no button: the policy is stored and reported
 * (metadata, attestation) but every touch is considered given.
 */
public enum TouchPolicy {
    DEFAULT(0x00),
    NEVER(0x01),
    ALWAYS(0x02),
    CACHED(0x03);

    private final int code;

    TouchPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TouchPolicy fromCode(int code) {
        for (TouchPolicy p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.format("unknown touch policy %02X", code));
    }
}
