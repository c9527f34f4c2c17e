package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

/**
 * MS-RDPESC 2.2.3.7 Reconnect_Return: ReturnCode | dwActiveProtocol (MS-RDPESC 2.2.5). No pointers.
 */
public record ReconnectReturn(int returnCode, int activeProtocol) implements EscReturn {
    /** A failed reconnect: MS-RDPESC 2.2.3 sets every other field to zero. */
    public static ReconnectReturn error(int returnCode) {
        return new ReconnectReturn(returnCode, 0);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode).u32(activeProtocol);
    }

    public static ReconnectReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        ReconnectReturn out = new ReconnectReturn(rc, r.u32("dwActiveProtocol"));
        r.expectEnd("Reconnect_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "Reconnect_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.7";
    }

    @Override
    public String toString() {
        return "Reconnect_Return{ReturnCode=" + ByteFields.returnCode(returnCode) + " dwActiveProtocol="
                + ByteFields.hex32(activeProtocol) + "}";
    }
}
