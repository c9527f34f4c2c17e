package dev.scbridge.rdp.efs;

import java.util.Optional;

/**
 * DR_DEVICE_IOREQUEST MajorFunction (MS-RDPEFS 2.2.1.4). Kept as a raw {@code int} in {@link IoRequestHeader}
 * because a major outside this table must still be answered (IoStatus STATUS_UNSUCCESSFUL, MS-RDPEFS 3.1.5.2),
 * not dropped as undecodable.
 */
public enum MajorFunction {
    IRP_MJ_CREATE(0x00),
    IRP_MJ_CLOSE(0x02),
    IRP_MJ_READ(0x03),
    IRP_MJ_WRITE(0x04),
    IRP_MJ_QUERY_INFORMATION(0x05),
    IRP_MJ_SET_INFORMATION(0x06),
    IRP_MJ_QUERY_VOLUME_INFORMATION(0x0A),
    IRP_MJ_SET_VOLUME_INFORMATION(0x0B),
    IRP_MJ_DIRECTORY_CONTROL(0x0C),
    IRP_MJ_DEVICE_CONTROL(0x0E),
    IRP_MJ_LOCK_CONTROL(0x11);

    private final int code;

    MajorFunction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MajorFunction> fromCode(int code) {
        for (MajorFunction m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** {@code "IRP_MJ_DEVICE_CONTROL"}, or {@code 0x%08X} for a value outside the table. */
    public static String name(int code) {
        return fromCode(code).map(Enum::name).orElse(String.format("0x%08X", code));
    }
}
