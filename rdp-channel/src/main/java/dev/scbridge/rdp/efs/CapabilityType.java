package dev.scbridge.rdp.efs;

import java.util.Optional;

/**
 * CAPABILITY_HEADER CapabilityType (MS-RDPEFS 2.2.1.2). A type outside this table is not an error: it is kept
 * as a {@link RawCapabilitySet} so the PDU still re-encodes byte for byte.
 */
public enum CapabilityType {
    CAP_GENERAL_TYPE(1),
    CAP_PRINTER_TYPE(2),
    CAP_PORT_TYPE(3),
    CAP_DRIVE_TYPE(4),
    CAP_SMARTCARD_TYPE(5);

    private final int code;

    CapabilityType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<CapabilityType> fromCode(int code) {
        for (CapabilityType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
