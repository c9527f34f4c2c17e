package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/** DEVICE_ANNOUNCE DeviceType, RDPDR_DTYP_* (MS-RDPEFS 2.2.1.3). */
public enum DeviceType {
    RDPDR_DTYP_SERIAL(0x01),
    RDPDR_DTYP_PARALLEL(0x02),
    RDPDR_DTYP_PRINT(0x04),
    RDPDR_DTYP_FILESYSTEM(0x08),
    RDPDR_DTYP_SMARTCARD(0x20);

    private final int code;

    DeviceType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DeviceType fromCode(int code, int offset) throws DecodeException {
        for (DeviceType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new DecodeException("DeviceType", String.format("unknown device type 0x%08X", code), offset);
    }
}
