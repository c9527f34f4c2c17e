package dev.scbridge.apdu.piv;

import java.util.Locale;

/** Touch policy of a key slot, YubiKey tag AB (yubico-piv-tool ykpiv.h YKPIV_TOUCHPOLICY_*; yubikit TouchPolicy). */
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

    /** Checked lookup: IllegalArgumentException names the unknown code. */
    public static TouchPolicy fromCode(int code) {
        for (TouchPolicy p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.format("unknown TouchPolicy %02X", code));
    }

    /** Parses a name such as "once" or "always", case-insensitively. */
    public static TouchPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a TouchPolicy: " + text);
        }
    }
}
