package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * DR_DEVICE_IOREQUEST (MS-RDPEFS 2.2.1.4), 24 bytes:
 * <pre>
 * RDPDR_HEADER 72 44 52 49 | DeviceId u32 | FileId u32 | CompletionId u32 | MajorFunction u32 | MinorFunction u32
 * </pre>
 * MajorFunction and MinorFunction stay raw: Windows leaves MinorFunction uninitialised for
 * IRP_MJ_DEVICE_CONTROL (MS-RDPEFS App. A &lt;5&gt;), and an unknown major still needs an answer.
 */
public record IoRequestHeader(int deviceId, int fileId, int completionId, int majorFunction, int minorFunction) {
    /** RDPDR_HEADER 4 + five u32 fields. */
    public static final int SIZE = 24;

    /**
     * The header of a PDU that starts like a Device I/O Request, even if its body is broken, so that a malformed
     * request can still be answered; empty if the first 24 bytes are not such a header.
     */
    public static java.util.Optional<IoRequestHeader> peek(byte[] pdu) {
        if (pdu.length < SIZE || (pdu[0] & 0xFF) != 0x72 || (pdu[1] & 0xFF) != 0x44 || (pdu[2] & 0xFF) != 0x52
                || (pdu[3] & 0xFF) != 0x49) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new IoRequestHeader(le32(pdu, 4), le32(pdu, 8), le32(pdu, 12), le32(pdu, 16),
                le32(pdu, 20)));
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static IoRequestHeader read(ByteReader r) throws DecodeException {
        return new IoRequestHeader(r.u32("DeviceId"), r.u32("FileId"), r.u32("CompletionId"),
                r.u32("MajorFunction"), r.u32("MinorFunction"));
    }

    void encodeTo(ByteWriter w) {
        w.header(PacketId.DEVICE_IOREQUEST).u32(deviceId).u32(fileId).u32(completionId).u32(majorFunction)
                .u32(minorFunction);
    }

    IoRequestHeader requireMajor(MajorFunction expected) {
        if (majorFunction != expected.code()) {
            throw new IllegalArgumentException("MajorFunction " + MajorFunction.name(majorFunction)
                    + " (expected: " + expected + ")");
        }
        return this;
    }

    static IoRequestHeader nonNull(IoRequestHeader h) {
        if (h == null) {
            throw new NullPointerException("header");
        }
        return h;
    }
}
