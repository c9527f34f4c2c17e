package dev.scbridge.apdu.piv;

import java.util.Locale;

/** PIN policy of a key slot, YubiKey tag AA (yubico-piv-tool ykpiv.h YKPIV_PINPOLICY_*; yubikit PinPolicy). */
public enum PinPolicy {
    DEFAULT(0x00),
    NEVER(0x01),
    ONCE(0x02),
    ALWAYS(0x03),
    MATCH_ONCE(0x04),
    MATCH_ALWAYS(0x05);

    private final int code;

    PinPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Checked lookup: IllegalArgumentException names the unknown code. */
    public static PinPolicy fromCode(int code) {
        for (PinPolicy p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.format("unknown PinPolicy %02X", code));
    }

    /** Parses a name such as "once" or "always", case-insensitively. */
    public static PinPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PinPolicy: " + text);
        }
    }
}
