package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * The 8-byte body shared by Server Announce, Client Announce Reply and Server Client ID Confirm
 * (MS-RDPEFS 2.2.2.2, 2.2.2.3, 2.2.2.6): VersionMajor u16, VersionMinor u16, ClientId u32.
 */
record VersionBody(int versionMajor, int versionMinor, int clientId) {
    /** Header 4 + VersionMajor 2 + VersionMinor 2 + ClientId 4. */
    static final int PDU_SIZE = 12;

    VersionBody {
        Checks.u16("versionMajor", versionMajor);
        Checks.u16("versionMinor", versionMinor);
    }

    static VersionBody read(ByteReader r) throws DecodeException {
        return new VersionBody(r.u16("VersionMajor"), r.u16("VersionMinor"), r.u32("ClientId"));
    }

    byte[] encode(PacketId id) {
        return new ByteWriter(PDU_SIZE).header(id).u16(versionMajor).u16(versionMinor).u32(clientId).finish();
    }
}
