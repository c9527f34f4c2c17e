package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;

/**
 * DR_DEVICE_IOCOMPLETION (MS-RDPEFS 2.2.1.5) with its body kept raw. An empty body is the bare completion a
 * smart-card device sends for a major it does not handle (IoStatus STATUS_NOT_SUPPORTED or STATUS_UNSUCCESSFUL,
 * facts/rdp.md 1.6). Which typed body applies depends on the request, which only the caller knows.
 */
public record DeviceIoCompletion(IoCompletionHeader header, byte[] body) implements IoCompletion {
    public DeviceIoCompletion {
        IoCompletionHeader.nonNull(header);
        body = Checks.copy("body", body);
    }

    /** A completion with no body answering {@code request}. */
    public static DeviceIoCompletion bare(IoRequest request, int ioStatus) {
        return new DeviceIoCompletion(IoCompletionHeader.answering(request, ioStatus), new byte[0]);
    }

    static DeviceIoCompletion decodeBody(ByteReader r) throws DecodeException {
        return new DeviceIoCompletion(IoCompletionHeader.read(r), r.rest());
    }

    /** The body read as DR_CONTROL_RSP. */
    public DeviceControlResponse asControlResponse() throws DecodeException {
        ByteReader r = bodyReader();
        DeviceControlResponse rsp = DeviceControlResponse.decodeBody(header, r);
        r.expectEnd(rsp.name());
        return rsp;
    }

    /** The body read as DR_CREATE_RSP. */
    public DeviceCreateResponse asCreateResponse() throws DecodeException {
        ByteReader r = bodyReader();
        DeviceCreateResponse rsp = DeviceCreateResponse.decodeBody(header, r);
        r.expectEnd(rsp.name());
        return rsp;
    }

    /** The body read as DR_CLOSE_RSP. */
    public DeviceCloseResponse asCloseResponse() throws DecodeException {
        ByteReader r = bodyReader();
        DeviceCloseResponse rsp = DeviceCloseResponse.decodeBody(header, r);
        r.expectEnd(rsp.name());
        return rsp;
    }

    /** Reads over the whole PDU so DecodeException offsets match the bytes on the wire. */
    private ByteReader bodyReader() {
        return new ByteReader(encode(), IoCompletionHeader.SIZE);
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
        return IoCompletionHeader.SIZE + body.length;
    }

    @Override
    public String name() {
        return "Device I/O Response";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.5";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceIoCompletion d && d.header.equals(header) && Arrays.equals(d.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "DeviceIoCompletion[" + header + " (" + NtStatus.name(header.ioStatus()) + "), " + body.length
                + " body bytes]";
    }
}
