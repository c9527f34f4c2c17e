package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * MS-RDPEFS 2.2.2.6 Server Client ID Confirm: RDPDR_HEADER, VersionMajor u16, VersionMinor u16, ClientId u32 (12 bytes).
 * Sent by the server after the capability request; the client then announces its devices (MS-RDPEFS 3.1.3).
 */
public record ServerClientIdConfirm(int versionMajor, int versionMinor, int clientId) implements RdpdrPdu {
    public ServerClientIdConfirm {
        new VersionBody(versionMajor, versionMinor, clientId);
    }

    static ServerClientIdConfirm decodeBody(ByteReader r) throws DecodeException {
        VersionBody b = VersionBody.read(r);
        return new ServerClientIdConfirm(b.versionMajor(), b.versionMinor(), b.clientId());
    }

    @Override
    public PacketId packetId() {
        return PacketId.CLIENTID_CONFIRM;
    }

    @Override
    public Direction direction() {
        return Direction.SERVER_TO_CLIENT;
    }

    @Override
    public byte[] encode() {
        return new VersionBody(versionMajor, versionMinor, clientId).encode(packetId());
    }

    @Override
    public int size() {
        return VersionBody.PDU_SIZE;
    }

    @Override
    public String name() {
        return "Server Client ID Confirm";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.6";
    }
}
