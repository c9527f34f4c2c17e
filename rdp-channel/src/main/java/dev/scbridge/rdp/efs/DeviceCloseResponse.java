package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;

/** MS-RDPEFS 2.2.1.5.2 DR_CLOSE_RSP: DR_DEVICE_IOCOMPLETION + Padding 4 bytes (kept as sent). */
public record DeviceCloseResponse(IoCompletionHeader header, byte[] padding) implements IoCompletion {
    public static final int PADDING_LENGTH = 4;

    public DeviceCloseResponse {
        IoCompletionHeader.nonNull(header);
        padding = Checks.exact("padding", padding, PADDING_LENGTH);
    }

    public static DeviceCloseResponse answering(DeviceCloseRequest request, int ioStatus) {
        return new DeviceCloseResponse(IoCompletionHeader.answering(request, ioStatus), new byte[PADDING_LENGTH]);
    }

    static DeviceCloseResponse decodeBody(IoCompletionHeader h, ByteReader r) throws DecodeException {
        return new DeviceCloseResponse(h, r.bytes(PADDING_LENGTH, "Padding"));
    }

    @Override
    public byte[] padding() {
        return padding.clone();
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size());
        header.encodeTo(w);
        return w.bytes(padding).finish();
    }

    @Override
    public int size() {
        return IoCompletionHeader.SIZE + PADDING_LENGTH;
    }

    @Override
    public String name() {
        return "Device Close Response";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.5.2";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCloseResponse d && d.header.equals(header) && Arrays.equals(d.padding, padding);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(padding);
    }

    @Override
    public String toString() {
        return "DeviceCloseResponse[" + header + "]";
    }
}
