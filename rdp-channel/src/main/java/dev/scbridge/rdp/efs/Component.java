package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/** RDPDR_HEADER Component (MS-RDPEFS 2.2.1.1). */
public enum Component {
    /** RDPDR_CTYP_CORE: device redirection core PDUs. */
    CORE(0x4472),
    /** RDPDR_CTYP_PRN: printing PDUs (MS-RDPEPC); we announce no printer, so the decoder rejects them. */
    PRN(0x5052);

    private final int code;

    Component(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws DecodeException for an unknown component (MS-RDPEFS 3.1.5.2: the channel SHOULD be closed) */
    public static Component fromCode(int code, int offset) throws DecodeException {
        for (Component c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new DecodeException("Component", String.format("unknown component 0x%04X", code), offset);
    }
}
