package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * MS-RDPEFS 2.2.2.9 Client Device List Announce Request: RDPDR_HEADER, DeviceCount u32, DEVICE_ANNOUNCE[].
 * The card must be in the first one, right after Server Client ID Confirm (MS-RDPEFS 3.1.3).
 */
public record DeviceListAnnounce(List<DeviceAnnounce> devices) implements RdpdrPdu {
    public static final int MAX_DEVICE_COUNT = DeviceLimits.MAX_DEVICE_COUNT;

    public DeviceListAnnounce {
        devices = List.copyOf(devices);
        if (devices.size() > MAX_DEVICE_COUNT) {
            throw new IllegalArgumentException(devices.size() + " devices (maximum: " + MAX_DEVICE_COUNT + ")");
        }
    }

    /** One smart card: for id 1 the bytes are {@code 72 44 41 44 01 00 00 00 20 00 00 00 01 00 00 00 53 43 41 52 44 00 00 00 00 00 00 00}. */
    public static DeviceListAnnounce smartCard(int deviceId) {
        return new DeviceListAnnounce(List.of(DeviceAnnounce.smartCard(deviceId)));
    }

    static DeviceListAnnounce decodeBody(ByteReader r) throws DecodeException {
        int countAt = r.position();
        long count = r.u32("DeviceCount") & 0xFFFF_FFFFL;
        if (count > MAX_DEVICE_COUNT) {
            throw new DecodeException("DeviceCount", count + " exceeds the maximum " + MAX_DEVICE_COUNT, countAt);
        }
        List<DeviceAnnounce> devices = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            devices.add(DeviceAnnounce.decode(r));
        }
        return new DeviceListAnnounce(devices);
    }

    @Override
    public PacketId packetId() {
        return PacketId.DEVICELIST_ANNOUNCE;
    }

    @Override
    public Direction direction() {
        return Direction.CLIENT_TO_SERVER;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size()).header(packetId()).u32(devices.size());
        devices.forEach(d -> d.encodeTo(w));
        return w.finish();
    }

    @Override
    public int size() {
        return HEADER_SIZE + 4 + devices.stream().mapToInt(DeviceAnnounce::size).sum();
    }

    @Override
    public String name() {
        return "Client Device List Announce Request";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.9";
    }
}
