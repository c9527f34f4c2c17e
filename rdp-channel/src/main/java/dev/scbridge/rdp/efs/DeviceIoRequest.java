package dev.scbridge.rdp.efs;

import java.util.Arrays;

/**
 * A Device I/O Request whose MajorFunction this codec does not model (MS-RDPEFS 2.2.1.4): READ, WRITE, the
 * information and directory majors, LOCK_CONTROL or an unknown value. The body is kept raw; a smart-card device
 * answers these with a bare completion (MS-RDPEFS 3.1.5.2).
 */
public record DeviceIoRequest(IoRequestHeader header, byte[] body) implements IoRequest {
    public DeviceIoRequest {
        IoRequestHeader.nonNull(header);
        body = Checks.copy("body", body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size());
        header.encodeTo(w);
        return w.bytes(body).finish();
    }

    @Override
    public int size() {
        return IoRequestHeader.SIZE + body.length;
    }

    @Override
    public String name() {
        return "Device I/O Request (" + MajorFunction.name(header.majorFunction()) + ")";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.4";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceIoRequest d && d.header.equals(header) && Arrays.equals(d.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "DeviceIoRequest[" + header + ", " + body.length + " body bytes]";
    }
}
