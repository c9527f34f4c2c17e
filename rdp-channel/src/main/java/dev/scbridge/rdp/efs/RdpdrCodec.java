package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.Objects;

/** Reads the RDPDR_HEADER (MS-RDPEFS 2.2.1.1) and hands the body to the PDU type it names. */
final class RdpdrCodec {
    private RdpdrCodec() {
    }

    static RdpdrPdu decode(byte[] pdu, Direction sentBy) throws DecodeException {
        Objects.requireNonNull(pdu, "pdu");
        Objects.requireNonNull(sentBy, "sentBy");
        if (pdu.length < RdpdrPdu.HEADER_SIZE) {
            throw new DecodeException("RDPDR_HEADER",
                    "incomplete header: " + pdu.length + " bytes (expected: " + RdpdrPdu.HEADER_SIZE + "+ bytes)", 0);
        }
        ByteReader r = new ByteReader(pdu, 0);
        Component component = Component.fromCode(r.u16("Component"), 0);
        PacketId packetId = PacketId.fromCode(component, r.u16("PacketId"), 2);
        if (component == Component.PRN) {
            // We never announce a printer, so a printing PDU means the peer is confused; MS-RDPEFS 3.1.5.2.
            throw new DecodeException("Component", "RDPDR_CTYP_PRN PDU " + packetId + " is not supported", 0);
        }
        RdpdrPdu decoded = sentBy == Direction.SERVER_TO_CLIENT ? fromServer(packetId, r) : fromClient(packetId, r);
        r.expectEnd(decoded.name());
        return decoded;
    }

    private static RdpdrPdu fromServer(PacketId id, ByteReader r) throws DecodeException {
        return switch (id) {
            case SERVER_ANNOUNCE -> ServerAnnounce.decodeBody(r);
            case CLIENTID_CONFIRM -> ServerClientIdConfirm.decodeBody(r);
            case SERVER_CAPABILITY -> ServerCoreCapabilityRequest.decodeBody(r);
            case DEVICE_REPLY -> ServerDeviceAnnounceResponse.decodeBody(r);
            case USER_LOGGEDON -> new ServerUserLoggedOn();
            case DEVICE_IOREQUEST -> IoRequests.decodeBody(r);
            default -> throw wrongDirection(id, Direction.SERVER_TO_CLIENT);
        };
    }

    private static RdpdrPdu fromClient(PacketId id, ByteReader r) throws DecodeException {
        return switch (id) {
            case CLIENTID_CONFIRM -> ClientAnnounceReply.decodeBody(r);
            case CLIENT_NAME -> ClientNameRequest.decodeBody(r);
            case CLIENT_CAPABILITY -> ClientCoreCapabilityResponse.decodeBody(r);
            case DEVICELIST_ANNOUNCE -> DeviceListAnnounce.decodeBody(r);
            case DEVICELIST_REMOVE -> DeviceListRemove.decodeBody(r);
            case DEVICE_IOCOMPLETION -> DeviceIoCompletion.decodeBody(r);
            default -> throw wrongDirection(id, Direction.CLIENT_TO_SERVER);
        };
    }

    private static DecodeException wrongDirection(PacketId id, Direction sentBy) {
        return new DecodeException("PacketId", id + " is never sent " + sentBy, 2);
    }
}
