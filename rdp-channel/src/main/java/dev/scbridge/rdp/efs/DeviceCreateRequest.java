package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;

/**
 * MS-RDPEFS 2.2.1.4.1 DR_CREATE_REQ: DR_DEVICE_IOREQUEST (IRP_MJ_CREATE) +
 * <pre>
 * DesiredAccess u32 | AllocationSize u64 | FileAttributes u32 | SharedAccess u32 | CreateDisposition u32 |
 * CreateOptions u32 | PathLength u32 | Path (PathLength bytes, UTF-16LE with NUL, kept raw)
 * </pre>
 */
public record DeviceCreateRequest(IoRequestHeader header, int desiredAccess, long allocationSize,
        int fileAttributes, int sharedAccess, int createDisposition, int createOptions, byte[] path)
        implements IoRequest {
    /** Fixed body after the 24-byte header: 4 + 8 + 4 * 5. */
    public static final int FIXED_BODY = 32;
    /** Upper bound for PathLength: an NT path is a UNICODE_STRING, at most 65534 bytes. */
    public static final int MAX_PATH_LENGTH = 65534;

    public DeviceCreateRequest {
        IoRequestHeader.nonNull(header).requireMajor(MajorFunction.IRP_MJ_CREATE);
        path = Checks.atMost("path", path, MAX_PATH_LENGTH);
    }

    static DeviceCreateRequest decodeBody(IoRequestHeader h, ByteReader r) throws DecodeException {
        int desiredAccess = r.u32("DesiredAccess");
        long allocationSize = r.u64("AllocationSize");
        int fileAttributes = r.u32("FileAttributes");
        int sharedAccess = r.u32("SharedAccess");
        int createDisposition = r.u32("CreateDisposition");
        int createOptions = r.u32("CreateOptions");
        int pathLength = r.u32("PathLength");
        return new DeviceCreateRequest(h, desiredAccess, allocationSize, fileAttributes, sharedAccess,
                createDisposition, createOptions, r.bytes(pathLength, MAX_PATH_LENGTH, "PathLength"));
    }

    @Override
    public byte[] path() {
        return path.clone();
    }

    @Override
    public byte[] encode() {
        ByteWriter w = new ByteWriter(size());
        header.encodeTo(w);
        return w.u32(desiredAccess).u64(allocationSize).u32(fileAttributes).u32(sharedAccess).u32(createDisposition)
                .u32(createOptions).u32(path.length).bytes(path).finish();
    }

    @Override
    public int size() {
        return IoRequestHeader.SIZE + FIXED_BODY + path.length;
    }

    @Override
    public String name() {
        return "Device Create Request";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.1.4.1";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCreateRequest d && d.header.equals(header) && d.desiredAccess == desiredAccess
                && d.allocationSize == allocationSize && d.fileAttributes == fileAttributes
                && d.sharedAccess == sharedAccess && d.createDisposition == createDisposition
                && d.createOptions == createOptions && Arrays.equals(d.path, path);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(path);
    }

    @Override
    public String toString() {
        return "DeviceCreateRequest[" + header + ", desiredAccess=" + desiredAccess + ", sharedAccess=" + sharedAccess
                + ", createDisposition=" + createDisposition + ", createOptions=" + createOptions + ", "
                + path.length + " path bytes]";
    }
}
