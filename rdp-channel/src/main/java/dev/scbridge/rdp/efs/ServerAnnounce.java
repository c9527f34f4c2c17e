package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * MS-RDPEFS 2.2.2.2 Server Announce Request: RDPDR_HEADER, VersionMajor u16, VersionMinor u16, ClientId u32 (12 bytes).
 * The server's opening PDU; one arriving after other traffic resets the channel (MS-RDPEFS 3.2.5.1.2).
 */
public record ServerAnnounce(int versionMajor, int versionMinor, int clientId) implements RdpdrPdu {
    public ServerAnnounce {
        new VersionBody(versionMajor, versionMinor, clientId);
    }

    static ServerAnnounce decodeBody(ByteReader r) throws DecodeException {
        VersionBody b = VersionBody.read(r);
        return new ServerAnnounce(b.versionMajor(), b.versionMinor(), b.clientId());
    }

    @Override
    public PacketId packetId() {
        return PacketId.SERVER_ANNOUNCE;
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
        return "Server Announce Request";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.2";
    }
}
