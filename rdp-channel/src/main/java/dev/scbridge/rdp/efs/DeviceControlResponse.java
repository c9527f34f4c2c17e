package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;

/**
 * MS-RDPEFS 2.2.1.5.5 DR_CONTROL_RSP: DR_DEVICE_IOCOMPLETION + OutputBufferLength u32 + OutputBuffer. On a
 * failed IOCTL (e.g. STATUS_BUFFER_TOO_SMALL) the OutputBuffer is empty (MS-RDPESC 3.1.4).
 */
public record DeviceControlResponse(IoCompletionHeader header, byte[] outputBuffer) implements IoCompletion {
    /** Header 16 + OutputBufferLength 4. */
    public static final int FIXED_SIZE = 20;
    /**
     * Upper bound for OutputBufferLength when decoding. Windows allows 2048 bytes for most IOCTLs and 133120 for
     * GETREADERICON (facts/rdp.md 1.5); 256 KiB admits one server doubling of the latter (MS-RDPESC 3.2.5.2).
     */
    public static final int MAX_OUTPUT_BUFFER_LENGTH = 256 * 1024;

    public DeviceControlResponse {
        IoCompletionHeader.nonNull(header);
        outputBuffer = Checks.atMost("outputBuffer", outputBuffer, MAX_OUTPUT_BUFFER_LENGTH);
    }

    /** The response to {@code request} carrying {@code outputBuffer} (an NDR *_Return). */
    public static DeviceControlResponse answering(DeviceControlRequest request, int ioStatus, byte[] outputBuffer) {
        return new DeviceControlResponse(IoCompletionHeader.answering(request, ioStatus), outputBuffer);
    }

    /** A failure with OutputBufferLength 0, e.g. STATUS_BUFFER_TOO_SMALL or STATUS_NO_MEMORY (MS-RDPESC 3.1.4). */
    public static DeviceControlResponse failure(DeviceControlRequest request, int ioStatus) {
        return answering(request, ioStatus, new byte[0]);
    }

    static DeviceControlResponse decodeBody(IoCompletionHeader h, ByteReader r) throws DecodeException {
        int length = r.u32("OutputBufferLength");
        return new DeviceControlResponse(h, r.bytes(length, MAX_OUTPUT_BUFFER_LENGTH, "OutputBufferLength"));
    }

    @Override
    public byte[] outputBuffer() {
        return outputBuffer.clone();
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size());
        header.encodeTo(w);
        return w.u32(outputBuffer.length).bytes(outputBuffer).finish();
    }

    @Override
    public int size() {
        return FIXED_SIZE + outputBuffer.length;
    }

    @Override
    public String name() {
        return "Device Control Response";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.5.5";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceControlResponse d && d.header.equals(header)
                && Arrays.equals(d.outputBuffer, outputBuffer);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(outputBuffer);
    }

    @Override
    public String toString() {
        return "DeviceControlResponse[" + header + " (" + NtStatus.name(header.ioStatus()) + "), "
                + outputBuffer.length + " output bytes]";
    }
}
