package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * MS-RDPEFS 2.2.3.2 Client Drive Device List Remove: RDPDR_HEADER, DeviceCount u32, DeviceIds u32[]. Only sent
 * when the server's extendedPDU has RDPDR_DEVICE_REMOVE_PDUS; the name says "drive" but any device id may be
 * listed.
 */
public record DeviceListRemove(List<Integer> deviceIds) implements RdpdrPdu {
    public static final int MAX_DEVICE_COUNT = DeviceLimits.MAX_DEVICE_COUNT;

    public DeviceListRemove {
        deviceIds = List.copyOf(deviceIds);
        if (deviceIds.size() > MAX_DEVICE_COUNT) {
            throw new IllegalArgumentException(deviceIds.size() + " devices (maximum: " + MAX_DEVICE_COUNT + ")");
        }
    }

    static DeviceListRemove decodeBody(ByteReader r) throws DecodeException {
        int countAt = r.position();
        long count = r.u32("DeviceCount") & 0xFFFF_FFFFL;
        if (count > MAX_DEVICE_COUNT) {
            throw new DecodeException("DeviceCount", count + " exceeds the maximum " + MAX_DEVICE_COUNT, countAt);
        }
        List<Integer> ids = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            ids.add(r.u32("DeviceId"));
        }
        return new DeviceListRemove(ids);
    }

    @Override
    public PacketId packetId() {
        return PacketId.DEVICELIST_REMOVE;
    }

    @Override
    public Direction direction() {
        return Direction.CLIENT_TO_SERVER;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size()).header(packetId()).u32(deviceIds.size());
        deviceIds.forEach(w::u32);
        return w.finish();
    }

    @Override
    public int size() {
        return HEADER_SIZE + 4 + 4 * deviceIds.size();
    }

    @Override
    public String name() {
        return "Client Drive Device List Remove";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.3.2";
    }
}
