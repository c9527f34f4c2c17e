package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * MS-RDPEFS 2.2.2.1 Server Device Announce Response: RDPDR_HEADER, DeviceId u32, ResultCode u32 (NTSTATUS;
 * non-zero means the device was not redirected). Windows may send it after the first IOCTL for the device.
 */
public record ServerDeviceAnnounceResponse(int deviceId, int resultCode) implements RdpdrPdu {
    static ServerDeviceAnnounceResponse decodeBody(ByteReader r) throws DecodeException {
        return new ServerDeviceAnnounceResponse(r.u32("DeviceId"), r.u32("ResultCode"));
    }

    @Override
    public PacketId packetId() {
        return PacketId.DEVICE_REPLY;
    }

    @Override
    public Direction direction() {
        return Direction.SERVER_TO_CLIENT;
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(size()).header(packetId()).u32(deviceId).u32(resultCode).finish();
    }

    @Override
    public int size() {
        return HEADER_SIZE + 8;
    }

    @Override
    public String name() {
        return "Server Device Announce Response";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.1";
    }
}
