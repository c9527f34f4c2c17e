package dev.scbridge.card;

/** Where a slot's key came from (YubiKey metadata tag 03: 01 generated, 02 imported). */
public enum KeyOrigin {
    GENERATED(0x01),
    IMPORTED(0x02);

    private final int code;

    KeyOrigin(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static KeyOrigin fromCode(int code) {
        for (KeyOrigin o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown key origin " + code);
    }
}
