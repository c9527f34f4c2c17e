package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/** Picks the body decoder of a Device I/O Request by MajorFunction (MS-RDPEFS 2.2.1.4). */
final class IoRequests {
    private IoRequests() {
    }

    static IoRequest decodeBody(ByteReader r) throws DecodeException {
        IoRequestHeader h = IoRequestHeader.read(r);
        return switch (MajorFunction.fromCode(h.majorFunction()).orElse(MajorFunction.IRP_MJ_READ)) {
            case IRP_MJ_DEVICE_CONTROL -> DeviceControlRequest.decodeBody(h, r);
            case IRP_MJ_CREATE -> DeviceCreateRequest.decodeBody(h, r);
            case IRP_MJ_CLOSE -> DeviceCloseRequest.decodeBody(h, r);
            default -> new DeviceIoRequest(h, r.rest());
        };
    }
}
