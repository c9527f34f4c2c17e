package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * One PDU of the RDPDR static virtual channel (MS-RDPEFS 2.2), as seen by a client that redirects only a smart
 * card. Every PDU starts with the 4-byte RDPDR_HEADER (MS-RDPEFS 2.2.1.1):
 * <pre>
 * +-----------------+-----------------+---------------------+
 * | Component (u16) | PacketId (u16)  | body ...            |
 * +-----------------+-----------------+---------------------+
 * </pre>
 * {@link #encode()} returns the whole PDU including that header and {@link #size()} is its length.
 */
public sealed interface RdpdrPdu
        permits ServerAnnounce, ClientAnnounceReply, ServerClientIdConfirm, ClientNameRequest,
        ServerCoreCapabilityRequest, ClientCoreCapabilityResponse, DeviceListAnnounce, DeviceListRemove,
        ServerDeviceAnnounceResponse, ServerUserLoggedOn, IoRequest, IoCompletion {

    /** RDPDR_HEADER: Component u16 + PacketId u16. */
    int HEADER_SIZE = 4;

    PacketId packetId();

    /** Which side sends this PDU. */
    Direction direction();

    /** The whole PDU, RDPDR_HEADER included. */
    byte[] encode();

    /** Encoded length in bytes, RDPDR_HEADER included. */
    int size();

    /** Spec name, e.g. {@code "Server Announce Request"}. */
    String name();

    /** Spec section, e.g. {@code "MS-RDPEFS 2.2.2.2"}. */
    String specSection();

    /**
     * Decodes one whole PDU. The direction is needed because PacketId 0x4343 means Client Announce Reply from the
     * client and Server Client ID Confirm from the server; it also rejects PDUs that only the other side sends.
     * Device I/O completions decode to {@link DeviceIoCompletion} with a raw body, since the body layout depends on
     * the request it answers ({@link DeviceIoCompletion#asControlResponse()} and friends).
     *
     * @throws DecodeException on any malformed, truncated, over-long or unexpected input
     */
    static RdpdrPdu decode(byte[] pdu, Direction sentBy) throws DecodeException {
        return RdpdrCodec.decode(pdu, sentBy);
    }

    /** {@link #decode(byte[], Direction)} for a PDU the server sent (what the card side receives). */
    static RdpdrPdu decodeFromServer(byte[] pdu) throws DecodeException {
        return RdpdrCodec.decode(pdu, Direction.SERVER_TO_CLIENT);
    }

    /** {@link #decode(byte[], Direction)} for a PDU the client sent (traces, tests, a server-side peer). */
    static RdpdrPdu decodeFromClient(byte[] pdu) throws DecodeException {
        return RdpdrCodec.decode(pdu, Direction.CLIENT_TO_SERVER);
    }
}
