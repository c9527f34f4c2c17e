package dev.scbridge.rdp.efs;

/**
 * A Device I/O Request (MS-RDPEFS 2.2.1.4): {@link IoRequestHeader} plus a body chosen by MajorFunction.
 * CREATE, CLOSE and DEVICE_CONTROL have typed bodies; every other major is a {@link DeviceIoRequest} with the raw
 * body, so the channel can still answer it.
 */
public sealed interface IoRequest extends RdpdrPdu
        permits DeviceIoRequest, DeviceCreateRequest, DeviceCloseRequest, DeviceControlRequest {

    IoRequestHeader header();

    @Override
    default PacketId packetId() {
        return PacketId.DEVICE_IOREQUEST;
    }

    @Override
    default Direction direction() {
        return Direction.SERVER_TO_CLIENT;
    }
}
