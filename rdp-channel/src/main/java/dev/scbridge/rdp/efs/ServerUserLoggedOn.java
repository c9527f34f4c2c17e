package dev.scbridge.rdp.efs;

/**
 * MS-RDPEFS 2.2.2.5 Server User Logged On: the RDPDR_HEADER alone. Sent only to clients whose GENERAL capability
 * set has RDPDR_USER_LOGGEDON_PDU in extendedPDU (MS-RDPEFS 3.3.5.1.5).
 */
public record ServerUserLoggedOn() implements RdpdrPdu {
    @Override
    public PacketId packetId() {
        return PacketId.USER_LOGGEDON;
    }

    @Override
    public Direction direction() {
        return Direction.SERVER_TO_CLIENT;
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(size()).header(packetId()).finish();
    }

    @Override
    public int size() {
        return HEADER_SIZE;
    }

    @Override
    public String name() {
        return "Server User Logged On";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.5";
    }
}
