package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;

/** MS-RDPEFS 2.2.1.4.2 DR_CLOSE_REQ: DR_DEVICE_IOREQUEST (IRP_MJ_CLOSE) + Padding 32 bytes (kept as sent). */
public record DeviceCloseRequest(IoRequestHeader header, byte[] padding) implements IoRequest {
    public static final int PADDING_LENGTH = 32;

    public DeviceCloseRequest {
        IoRequestHeader.nonNull(header).requireMajor(MajorFunction.IRP_MJ_CLOSE);
        padding = Checks.exact("padding", padding, PADDING_LENGTH);
    }

    static DeviceCloseRequest decodeBody(IoRequestHeader h, ByteReader r) throws DecodeException {
        return new DeviceCloseRequest(h, r.bytes(PADDING_LENGTH, "Padding"));
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
        return IoRequestHeader.SIZE + PADDING_LENGTH;
    }

    @Override
    public String name() {
        return "Device Close Request";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.4.2";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCloseRequest d && d.header.equals(header) && Arrays.equals(d.padding, padding);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(padding);
    }

    @Override
    public String toString() {
        return "DeviceCloseRequest[" + header + "]";
    }
}
