package dev.scbridge.rdp.efs;

import java.util.Map;

/**
 * The NTSTATUS values an RDPDR smart-card client puts in IoStatus / ResultCode (MS-RDPEFS 2.2.1.5, 2.2.2.1;
 * numeric values from MS-ERREF 2.3, cross-checked against several public NTSTATUS tables). Status words stay
 * {@code int}; {@link #name(int)} is for logs.
 */
public final class NtStatus {
    public static final int STATUS_SUCCESS = 0x0000_0000;
    public static final int STATUS_UNSUCCESSFUL = 0xC000_0001;
    public static final int STATUS_INVALID_PARAMETER = 0xC000_000D;
    public static final int STATUS_NO_SUCH_DEVICE = 0xC000_000E;
    public static final int STATUS_NO_MEMORY = 0xC000_0017;
    public static final int STATUS_BUFFER_TOO_SMALL = 0xC000_0023;
    public static final int STATUS_DEVICE_NOT_CONNECTED = 0xC000_009D;
    public static final int STATUS_NOT_SUPPORTED = 0xC000_00BB;
    public static final int STATUS_CANCELLED = 0xC000_0120;

    private static final Map<Integer, String> NAMES = Map.of(
            STATUS_SUCCESS, "STATUS_SUCCESS",
            STATUS_UNSUCCESSFUL, "STATUS_UNSUCCESSFUL",
            STATUS_INVALID_PARAMETER, "STATUS_INVALID_PARAMETER",
            STATUS_NO_SUCH_DEVICE, "STATUS_NO_SUCH_DEVICE",
            STATUS_NO_MEMORY, "STATUS_NO_MEMORY",
            STATUS_BUFFER_TOO_SMALL, "STATUS_BUFFER_TOO_SMALL",
            STATUS_DEVICE_NOT_CONNECTED, "STATUS_DEVICE_NOT_CONNECTED",
            STATUS_NOT_SUPPORTED, "STATUS_NOT_SUPPORTED",
            STATUS_CANCELLED, "STATUS_CANCELLED");

    private NtStatus() {
    }

    /** The constant's name, or {@code 0x%08X} for a value not listed here. */
    public static String name(int status) {
        String n = NAMES.get(status);
        return n != null ? n : String.format("0x%08X", status);
    }
}
