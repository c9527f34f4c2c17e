package dev.scbridge.rdp.efs;

/**
 * PRINTER, PORT, DRIVE or SMARTCARD capability set (MS-RDPEFS 2.2.2.7.2-5): a CAPABILITY_HEADER with no body,
 * CapabilityLength 8. Smart card: {@code 05 00 08 00 01 00 00 00}.
 */
public record HeaderOnlyCapabilitySet(CapabilityType type, int version) implements CapabilitySet {
    /** PRINTER_CAPABILITY_VERSION_01, PORT_CAPABILITY_VERSION_01, SMARTCARD_CAPABILITY_VERSION_01. */
    public static final int VERSION_01 = 1;
    /** DRIVE_CAPABILITY_VERSION_02. */
    public static final int DRIVE_VERSION_02 = 2;

    public HeaderOnlyCapabilitySet {
        if (type == null || type == CapabilityType.CAP_GENERAL_TYPE) {
            throw new IllegalArgumentException("GENERAL has a body; use GeneralCapabilitySet: " + type);
        }
    }

    /** SMARTCARD_CAPS_SET, version 1 (MS-RDPEFS 2.2.2.7.5). */
    public static HeaderOnlyCapabilitySet smartCard() {
        return new HeaderOnlyCapabilitySet(CapabilityType.CAP_SMARTCARD_TYPE, VERSION_01);
    }

    @Override
    public int capabilityType() {
        return type.code();
    }

    @Override
    public int length() {
        return HEADER_SIZE;
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(HEADER_SIZE).u16(type.code()).u16(HEADER_SIZE).u32(version).finish();
    }
}
