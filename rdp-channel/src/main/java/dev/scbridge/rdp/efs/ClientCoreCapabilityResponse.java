package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.List;

/**
 * MS-RDPEFS 2.2.2.8 Client Core Capability Response: RDPDR_HEADER, numCapabilities u16, Padding u16 (kept as sent), CAPABILITY_SET[].
 * List only GENERAL plus the device types the client supports (MS-RDPEFS 3.2.5.1.8).
 */
public record ClientCoreCapabilityResponse(int padding, List<CapabilitySet> capabilities) implements RdpdrPdu {
    public ClientCoreCapabilityResponse {
        capabilities = CapabilitySets.check(capabilities, padding);
    }

    public ClientCoreCapabilityResponse(List<CapabilitySet> capabilities) {
        this(0, capabilities);
    }

    /**
     * The card side's response: GENERAL v2 from {@link GeneralCapabilitySet#forSmartCardClient(int)} and
     * SMARTCARD v1, nothing else (we redirect no printer, port or drive).
     */
    public static ClientCoreCapabilityResponse forSmartCard(int serverMinorVersion) {
        return new ClientCoreCapabilityResponse(List.of(GeneralCapabilitySet.forSmartCardClient(serverMinorVersion),
                HeaderOnlyCapabilitySet.smartCard()));
    }

    static ClientCoreCapabilityResponse decodeBody(ByteReader r) throws DecodeException {
        int countAt = r.position();
        int count = r.u16("numCapabilities");
        int padding = r.u16("Padding");
        return new ClientCoreCapabilityResponse(padding, CapabilitySets.decode(r, count, countAt));
    }

    @Override
    public PacketId packetId() {
        return PacketId.CLIENT_CAPABILITY;
    }

    @Override
    public Direction direction() {
        return Direction.CLIENT_TO_SERVER;
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
        return "Client Core Capability Response";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.8";
    }
}
