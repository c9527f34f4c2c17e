package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.List;

/**
 * MS-RDPEFS 2.2.2.7 Server Core Capability Request: RDPDR_HEADER, numCapabilities u16, Padding u16 (kept as sent), CAPABILITY_SET[].
 * The server's capability sets; the client answers with {@link ClientCoreCapabilityResponse}.
 */
public record ServerCoreCapabilityRequest(int padding, List<CapabilitySet> capabilities) implements RdpdrPdu {
    public ServerCoreCapabilityRequest {
        capabilities = CapabilitySets.check(capabilities, padding);
    }

    public ServerCoreCapabilityRequest(List<CapabilitySet> capabilities) {
        this(0, capabilities);
    }

    static ServerCoreCapabilityRequest decodeBody(ByteReader r) throws DecodeException {
        int countAt = r.position();
        int count = r.u16("numCapabilities");
        int padding = r.u16("Padding");
        return new ServerCoreCapabilityRequest(padding, CapabilitySets.decode(r, count, countAt));
    }

    @Override
    public PacketId packetId() {
        return PacketId.SERVER_CAPABILITY;
    }

    @Override
    public Direction direction() {
        return Direction.SERVER_TO_CLIENT;
    }

    @Override
    public byte[] encode() {
        return CapabilitySets.encode(packetId(), padding, capabilities);
    }

    @Override
    public int size() {
        return HEADER_SIZE + CapabilitySets.bodySize(capabilities);
    }

    @Override
    public String name() {
        return "Server Core Capability Request";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.7";
    }
}
