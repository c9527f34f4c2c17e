package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;

/**
 * MS-RDPEFS 2.2.1.4.5 DR_CONTROL_REQ: DR_DEVICE_IOREQUEST (IRP_MJ_DEVICE_CONTROL) +
 * <pre>
 * OutputBufferLength u32 | InputBufferLength u32 | IoControlCode u32 | Padding 20 | InputBuffer
 * </pre>
 * Fixed part 56 bytes. OutputBufferLength is the most the server accepts back, not data in this PDU. Padding may
 * hold garbage (xrdp dump) and is kept only so the PDU re-encodes byte for byte; MinorFunction likewise.
 */
public record DeviceControlRequest(IoRequestHeader header, int outputBufferLength, int ioControlCode,
        byte[] padding, byte[] inputBuffer) implements IoRequest {
    public static final int PADDING_LENGTH = 20;
    /** Header 24 + OutputBufferLength 4 + InputBufferLength 4 + IoControlCode 4 + Padding 20. */
    public static final int FIXED_SIZE = 56;
    /**
     * Upper bound for InputBufferLength. The largest MS-RDPESC calls (IDL, MS-RDPESC 6) are LocateCardsByATR
     * (up to 1000 76-byte ATR masks, 76000 bytes) and Transmit (send buffer up to 66560 bytes plus 1024 PCI extra
     * bytes); NDR headers and the remaining fields add well under 4 KiB. 128 KiB covers both with margin.
     */
    public static final int MAX_INPUT_BUFFER_LENGTH = 128 * 1024;

    public DeviceControlRequest {
        IoRequestHeader.nonNull(header).requireMajor(MajorFunction.IRP_MJ_DEVICE_CONTROL);
        padding = Checks.exact("padding", padding, PADDING_LENGTH);
        inputBuffer = Checks.atMost("inputBuffer", inputBuffer, MAX_INPUT_BUFFER_LENGTH);
    }

    /** A request with MinorFunction 0 and zero Padding, as a well-behaved server would send. */
    public static DeviceControlRequest of(int deviceId, int fileId, int completionId, int outputBufferLength,
            int ioControlCode, byte[] inputBuffer) {
        return new DeviceControlRequest(new IoRequestHeader(deviceId, fileId, completionId,
                MajorFunction.IRP_MJ_DEVICE_CONTROL.code(), 0), outputBufferLength, ioControlCode,
                new byte[PADDING_LENGTH], inputBuffer);
    }

    static DeviceControlRequest decodeBody(IoRequestHeader h, ByteReader r) throws DecodeException {
        int outputLength = r.u32("OutputBufferLength");
        int inputLength = r.u32("InputBufferLength");
        int code = r.u32("IoControlCode");
        byte[] padding = r.bytes(PADDING_LENGTH, "Padding");
        byte[] input = r.bytes(inputLength, MAX_INPUT_BUFFER_LENGTH, "InputBufferLength");
        return new DeviceControlRequest(h, outputLength, code, padding, input);
    }

    /** OutputBufferLength as an unsigned value. */
    public long outputBufferLengthUnsigned() {
        return outputBufferLength & 0xFFFF_FFFFL;
    }

    @Override
    public byte[] padding() {
        return padding.clone();
    }

    @Override
    public byte[] inputBuffer() {
        return inputBuffer.clone();
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size());
        header.encodeTo(w);
        return w.u32(outputBufferLength).u32(inputBuffer.length).u32(ioControlCode).bytes(padding).bytes(inputBuffer)
                .finish();
    }

    @Override
    public int size() {
        return FIXED_SIZE + inputBuffer.length;
    }

    @Override
    public String name() {
        return "Device Control Request";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.4.5";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceControlRequest d && d.header.equals(header)
                && d.outputBufferLength == outputBufferLength && d.ioControlCode == ioControlCode
                && Arrays.equals(d.padding, padding) && Arrays.equals(d.inputBuffer, inputBuffer);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * header.hashCode() + ioControlCode) + Arrays.hashCode(inputBuffer);
    }

    @Override
    public String toString() {
        return String.format("DeviceControlRequest[%s, outputBufferLength=%d, ioControlCode=0x%08X, %d input bytes]",
                header, outputBufferLengthUnsigned(), ioControlCode, inputBuffer.length);
    }
}
