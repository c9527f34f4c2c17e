package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.OptionalInt;

/**
 * MS-RDPEFS 2.2.1.5.1 DR_CREATE_RSP: DR_DEVICE_IOCOMPLETION + FileId u32 + Information u8. Information may be
 * omitted when IoStatus is 0, so it is optional here and its presence re-encodes as received.
 */
public record DeviceCreateResponse(IoCompletionHeader header, int fileId, OptionalInt information)
        implements IoCompletion {

    public DeviceCreateResponse {
        IoCompletionHeader.nonNull(header);
        if (information == null) {
            throw new NullPointerException("information");
        }
        if (information.isPresent() && (information.getAsInt() < 0 || information.getAsInt() > 0xFF)) {
            throw new IllegalArgumentException("information must fit in 8 bits: " + information.getAsInt());
        }
    }

    public static DeviceCreateResponse answering(DeviceCreateRequest request, int ioStatus, int fileId,
            int information) {
        return new DeviceCreateResponse(IoCompletionHeader.answering(request, ioStatus), fileId,
                OptionalInt.of(information));
    }

    static DeviceCreateResponse decodeBody(IoCompletionHeader h, ByteReader r) throws DecodeException {
        int fileId = r.u32("FileId");
        OptionalInt information = r.remaining() > 0 ? OptionalInt.of(r.bytes(1, "Information")[0] & 0xFF)
                : OptionalInt.empty();
        return new DeviceCreateResponse(h, fileId, information);
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size());
        header.encodeTo(w);
        w.u32(fileId);
        information.ifPresent(i -> w.bytes(new byte[] {(byte) i}));
        return w.finish();
    }

    @Override
    public int size() {
        return IoCompletionHeader.SIZE + 4 + (information.isPresent() ? 1 : 0);
    }

    @Override
    public String name() {
        return "Device Create Response";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.5.1";
    }
}
