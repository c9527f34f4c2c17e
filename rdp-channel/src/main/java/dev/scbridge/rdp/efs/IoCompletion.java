package dev.scbridge.rdp.efs;

/**
 * A Device I/O Response (MS-RDPEFS 2.2.1.5): {@link IoCompletionHeader} plus a body whose layout depends on the
 * request it answers. Decoding yields {@link DeviceIoCompletion} (raw body); its {@code as*} methods give the
 * typed views.
 */
public sealed interface IoCompletion extends RdpdrPdu
        permits DeviceIoCompletion, DeviceCreateResponse, DeviceCloseResponse, DeviceControlResponse {

    IoCompletionHeader header();

    @Override
    default PacketId packetId() {
        return PacketId.DEVICE_IOCOMPLETION;
    }

    @Override
    default Direction direction() {
        return Direction.CLIENT_TO_SERVER;
    }
}
