package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

/**
 * MS-RDPESC 2.2.3.15 GetDeviceTypeId_Return: ReturnCode, dwDeviceId (the reader type, e.g.
 * SCARD_READER_TYPE_VENDOR 0xF0, which Windows accepted: logon trace step 015).
 *
 * <pre>
 * inline: ReturnCode | dwDeviceId
 * </pre>
 */
public record GetDeviceTypeIdReturn(int returnCode, int deviceTypeId) implements EscReturn {
    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode).u32(deviceTypeId);
    }

    public static GetDeviceTypeIdReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        GetDeviceTypeIdReturn out = new GetDeviceTypeIdReturn(rc, r.u32("dwDeviceId"));
        r.expectEnd("GetDeviceTypeId_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "GetDeviceTypeId_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.15";
    }

    @Override
    public String toString() {
        return "GetDeviceTypeId_Return[ReturnCode=" + ByteFields.returnCode(returnCode) + ", dwDeviceId="
                + String.format("0x%08X", deviceTypeId) + "]";
    }
}
