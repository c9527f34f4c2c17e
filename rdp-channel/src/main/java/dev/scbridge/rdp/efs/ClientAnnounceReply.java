package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * MS-RDPEFS 2.2.2.3 Client Announce Reply: RDPDR_HEADER, VersionMajor u16, VersionMinor u16, ClientId u32 (12 bytes).
 * The client's answer to Server Announce; ClientId echoes the server's when its VersionMinor is 12 or more (MS-RDPEFS 3.2.5.1.3).
 */
public record ClientAnnounceReply(int versionMajor, int versionMinor, int clientId) implements RdpdrPdu {
    public ClientAnnounceReply {
        new VersionBody(versionMajor, versionMinor, clientId);
    }

    static ClientAnnounceReply decodeBody(ByteReader r) throws DecodeException {
        VersionBody b = VersionBody.read(r);
        return new ClientAnnounceReply(b.versionMajor(), b.versionMinor(), b.clientId());
    }

    @Override
    public PacketId packetId() {
        return PacketId.CLIENTID_CONFIRM;
    }

    @Override
    public Direction direction() {
        return Direction.CLIENT_TO_SERVER;
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
        return "Client Announce Reply";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.3";
    }
}
