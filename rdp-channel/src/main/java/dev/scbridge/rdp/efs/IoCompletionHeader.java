package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * DR_DEVICE_IOCOMPLETION (MS-RDPEFS 2.2.1.5), 16 bytes:
 * <pre>
 * RDPDR_HEADER 72 44 43 49 | DeviceId u32 | CompletionId u32 | IoStatus u32 (NTSTATUS, see {@link NtStatus})
 * </pre>
 */
public record IoCompletionHeader(int deviceId, int completionId, int ioStatus) {
    /** RDPDR_HEADER 4 + three u32 fields. */
    public static final int SIZE = 16;

    /** The header answering {@code request}: same DeviceId and CompletionId. */
    public static IoCompletionHeader answering(IoRequest request, int ioStatus) {
        return new IoCompletionHeader(request.header().deviceId(), request.header().completionId(), ioStatus);
    }

    static IoCompletionHeader read(ByteReader r) throws DecodeException {
        return new IoCompletionHeader(r.u32("DeviceId"), r.u32("CompletionId"), r.u32("IoStatus"));
    }

    void encodeTo(ByteWriter w) {
        w.header(PacketId.DEVICE_IOCOMPLETION).u32(deviceId).u32(completionId).u32(ioStatus);
    }

    static IoCompletionHeader nonNull(IoCompletionHeader h) {
        if (h == null) {
            throw new NullPointerException("header");
        }
        return h;
    }
}
