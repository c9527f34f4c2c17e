package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.8 Connect_Return: ReturnCode, the new REDIR_SCARDHANDLE, dwActiveProtocol.
 *
 * <pre>
 * inline:   ReturnCode | cbContext | pbContext | cbHandle | pbHandle | dwActiveProtocol
 * deferred: [context bytes] [handle bytes]
 * </pre>
 *
 * Windows accepted context 5, handle 1, T1: 56 bytes (logon trace step 036).
 */
public record ConnectReturn(int returnCode, RedirHandle handle, int activeProtocol) implements EscReturn {
    public ConnectReturn {
        Objects.requireNonNull(handle, "handle");
    }

    /** An error: every other field zero (MS-RDPESC 2.2.3), so an empty context and handle with NULL pointers. */
    public static ConnectReturn failure(int returnCode) {
        return new ConnectReturn(returnCode, new RedirHandle(RedirContext.EMPTY, new byte[0]), 0);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        handle.encodeInline(w);
        w.u32(activeProtocol);
        handle.encodeDeferred(w);
    }

    public static ConnectReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        RedirHandle.Inline hdl = RedirHandle.readInline(r);
        int protocol = r.u32("dwActiveProtocol");
        ConnectReturn out = new ConnectReturn(rc, hdl.readDeferred(r), protocol);
        r.expectEnd("Connect_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "Connect_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.8";
    }

    @Override
    public String toString() {
        return "Connect_Return[ReturnCode=" + ByteFields.returnCode(returnCode) + ", hCard=" + handle
                + ", dwActiveProtocol=" + String.format("0x%08X", activeProtocol) + "]";
    }
}
