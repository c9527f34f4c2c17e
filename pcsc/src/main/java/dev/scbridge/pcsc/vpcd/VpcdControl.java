package dev.scbridge.pcsc.vpcd;

/** The one-byte control frames vpcd sends (vsmartcard vpcd: VPCD_CTRL_OFF/ON/RESET/ATR). */
public enum VpcdControl {
    /** Power the card off; no reply. */
    POWER_OFF(0),
    /** Power the card on; no reply. */
    POWER_ON(1),
    /** Warm reset; no reply. */
    RESET(2),
    /** Ask for the ATR; the reply is the ATR in one frame. */
    GET_ATR(4);

    private final int code;

    VpcdControl(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** The control for a wire byte; unknown codes are a {@link VpcdFrameException}. */
    public static VpcdControl fromCode(int code) {
        for (VpcdControl c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new VpcdFrameException("unknown control code 0x" + String.format("%02X", code & 0xFF)
                + " (expected: 0, 1, 2 or 4)");
    }
}
