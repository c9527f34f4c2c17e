package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DEVICE_ANNOUNCE (MS-RDPEFS 2.2.1.3):
 * <pre>
 * DeviceType u32 | DeviceId u32 | PreferredDosName 8 bytes | DeviceDataLength u32 | DeviceData
 * </pre>
 * For a smart card PreferredDosName MUST be "SCARD" NUL-padded and DeviceDataLength MUST be 0.
 */
public record DeviceAnnounce(DeviceType deviceType, int deviceId, byte[] preferredDosName, byte[] deviceData) {
    /** DeviceType 4 + DeviceId 4 + PreferredDosName 8 + DeviceDataLength 4. */
    public static final int FIXED_SIZE = 20;
    public static final int DOS_NAME_LENGTH = 8;
    /**
     * Upper bound for DeviceDataLength. Smart cards send 0; drives send a UTF-16 display name and printers a few
     * driver strings, far below 64 KiB.
     */
    public static final int MAX_DEVICE_DATA_LENGTH = 64 * 1024;

    public DeviceAnnounce {
        if (deviceType == null) {
            throw new NullPointerException("deviceType");
        }
        preferredDosName = Checks.exact("preferredDosName", preferredDosName, DOS_NAME_LENGTH);
        deviceData = Checks.atMost("deviceData", deviceData, MAX_DEVICE_DATA_LENGTH);
    }

    /** The smart-card device: RDPDR_DTYP_SMARTCARD, "SCARD\0\0\0", no device data (MS-RDPEFS 2.2.1.3). */
    public static DeviceAnnounce smartCard(int deviceId) {
        return new DeviceAnnounce(DeviceType.RDPDR_DTYP_SMARTCARD, deviceId,
                Arrays.copyOf("SCARD".getBytes(StandardCharsets.US_ASCII), DOS_NAME_LENGTH), new byte[0]);
    }

    static DeviceAnnounce decode(ByteReader r) throws DecodeException {
        int typeAt = r.position();
        DeviceType type = DeviceType.fromCode(r.u32("DeviceType"), typeAt);
        int id = r.u32("DeviceId");
        byte[] dosName = r.bytes(DOS_NAME_LENGTH, "PreferredDosName");
        int length = r.u32("DeviceDataLength");
        return new DeviceAnnounce(type, id, dosName, r.bytes(length, MAX_DEVICE_DATA_LENGTH, "DeviceDataLength"));
    }

    void encodeTo(ByteWriter w) {
        w.u32(deviceType.code()).u32(deviceId).bytes(preferredDosName).u32(deviceData.length).bytes(deviceData);
    }

    public int size() {
        return FIXED_SIZE + deviceData.length;
    }

    @Override
    public byte[] preferredDosName() {
        return preferredDosName.clone();
    }

    @Override
    public byte[] deviceData() {
        return deviceData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceAnnounce d && d.deviceType == deviceType && d.deviceId == deviceId
                && Arrays.equals(d.preferredDosName, preferredDosName) && Arrays.equals(d.deviceData, deviceData);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * deviceType.hashCode() + deviceId) + Arrays.hashCode(preferredDosName))
                + Arrays.hashCode(deviceData);
    }

    @Override
    public String toString() {
        return "DeviceAnnounce[" + deviceType + ", deviceId=" + deviceId + ", dosName="
                + new String(preferredDosName, StandardCharsets.ISO_8859_1).replace("\0", "") + ", "
                + deviceData.length + " data bytes]";
    }
}
