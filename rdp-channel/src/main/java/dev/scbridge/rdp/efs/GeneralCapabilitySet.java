package dev.scbridge.rdp.efs;

import java.util.OptionalInt;

/**
 * GENERAL_CAPS_SET (MS-RDPEFS 2.2.2.7.1):
 * <pre>
 * CAPABILITY_HEADER      8   CapabilityType 1, CapabilityLength 40 or 44, Version 1 or 2
 * osType                 4   ignored by the receiver
 * osVersion              4   ignored by the receiver
 * protocolMajorVersion   2   1
 * protocolMinorVersion   2   a VersionMinor value
 * ioCode1                4   RDPDR_IRP_MJ_* bits
 * ioCode2                4   0
 * extendedPDU            4   RDPDR_*_PDU bits
 * extraFlags1            4   ENABLE_ASYNCIO
 * extraFlags2            4   0
 * SpecialTypeDeviceCap   4   only when CapabilityLength is 44 (Version 2): devices redirected before logon
 * </pre>
 * Whether SpecialTypeDeviceCap is present follows CapabilityLength, not Version, so odd combinations re-encode
 * as received.
 */
public record GeneralCapabilitySet(int version, int osType, int osVersion, int protocolMajorVersion,
        int protocolMinorVersion, int ioCode1, int ioCode2, int extendedPdu, int extraFlags1, int extraFlags2,
        OptionalInt specialTypeDeviceCap) implements CapabilitySet {

    public static final int GENERAL_CAPABILITY_VERSION_01 = 1;
    public static final int GENERAL_CAPABILITY_VERSION_02 = 2;
    /** Header 8 + 32 bytes of fields. */
    public static final int LENGTH_V1 = 40;
    /** {@link #LENGTH_V1} + SpecialTypeDeviceCap 4. */
    public static final int LENGTH_V2 = 44;

    // ioCode1 (MS-RDPEFS 2.2.2.7.1); the 14 IRP_MJ bits are "unused, always set" per the spec.
    public static final int RDPDR_IRP_MJ_CREATE = 0x0001;
    public static final int RDPDR_IRP_MJ_CLEANUP = 0x0002;
    public static final int RDPDR_IRP_MJ_CLOSE = 0x0004;
    public static final int RDPDR_IRP_MJ_READ = 0x0008;
    public static final int RDPDR_IRP_MJ_WRITE = 0x0010;
    public static final int RDPDR_IRP_MJ_FLUSH_BUFFERS = 0x0020;
    public static final int RDPDR_IRP_MJ_SHUTDOWN = 0x0040;
    public static final int RDPDR_IRP_MJ_DEVICE_CONTROL = 0x0080;
    public static final int RDPDR_IRP_MJ_QUERY_VOLUME_INFORMATION = 0x0100;
    public static final int RDPDR_IRP_MJ_SET_VOLUME_INFORMATION = 0x0200;
    public static final int RDPDR_IRP_MJ_QUERY_INFORMATION = 0x0400;
    public static final int RDPDR_IRP_MJ_SET_INFORMATION = 0x0800;
    public static final int RDPDR_IRP_MJ_DIRECTORY_CONTROL = 0x1000;
    public static final int RDPDR_IRP_MJ_LOCK_CONTROL = 0x2000;
    public static final int RDPDR_IRP_MJ_QUERY_SECURITY = 0x4000;
    public static final int RDPDR_IRP_MJ_SET_SECURITY = 0x8000;

    // extendedPDU (MS-RDPEFS 2.2.2.7.1).
    public static final int RDPDR_DEVICE_REMOVE_PDUS = 0x1;
    public static final int RDPDR_CLIENT_DISPLAY_NAME_PDU = 0x2;
    public static final int RDPDR_USER_LOGGEDON_PDU = 0x4;

    // extraFlags1 (MS-RDPEFS 2.2.2.7.1); drives only.
    public static final int ENABLE_ASYNCIO = 0x1;

    /** Highest VersionMinor we speak: 0x000D, what Windows Server 2016+ sends (facts/rdp.md 1.2). */
    public static final int MAX_CLIENT_MINOR_VERSION = 0x000D;

    public GeneralCapabilitySet {
        Checks.u16("protocolMajorVersion", protocolMajorVersion);
        Checks.u16("protocolMinorVersion", protocolMinorVersion);
        if (specialTypeDeviceCap == null) {
            throw new NullPointerException("specialTypeDeviceCap");
        }
    }

    /**
     * What the card side sends: Version 2 (44 bytes), osType/osVersion 0, protocol 1.min(0x0D, serverMinor),
     * ioCode1 0x7FFF (the 14 IRP_MJ bits and QUERY_SECURITY, as Teleport sent to Windows), extendedPDU
     * DEVICE_REMOVE_PDUS | CLIENT_DISPLAY_NAME_PDU | USER_LOGGEDON_PDU, SpecialTypeDeviceCap 1 (the one card is
     * redirected before logon).
     */
    public static GeneralCapabilitySet forSmartCardClient(int serverMinorVersion) {
        return new GeneralCapabilitySet(GENERAL_CAPABILITY_VERSION_02, 0, 0, 1,
                Math.min(MAX_CLIENT_MINOR_VERSION, serverMinorVersion), 0x7FFF, 0,
                RDPDR_DEVICE_REMOVE_PDUS | RDPDR_CLIENT_DISPLAY_NAME_PDU | RDPDR_USER_LOGGEDON_PDU, 0, 0,
                OptionalInt.of(1));
    }

    @Override
    public int capabilityType() {
        return CapabilityType.CAP_GENERAL_TYPE.code();
    }

    @Override
    public int length() {
        return specialTypeDeviceCap.isPresent() ? LENGTH_V2 : LENGTH_V1;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(length()).u16(capabilityType()).u16(length()).u32(version)
                .u32(osType).u32(osVersion).u16(protocolMajorVersion).u16(protocolMinorVersion)
                .u32(ioCode1).u32(ioCode2).u32(extendedPdu).u32(extraFlags1).u32(extraFlags2);
        specialTypeDeviceCap.ifPresent(w::u32);
        return w.finish();
    }
}
