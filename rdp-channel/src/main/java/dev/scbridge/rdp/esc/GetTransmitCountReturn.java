package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

/**
 * MS-RDPESC 2.2.3.13 GetTransmitCount_Return: ReturnCode | cTransmitCount (the successful Transmit calls on the
 * card since the reader was introduced, an unsigned 32-bit value kept as an int). No pointers.
 */
public record GetTransmitCountReturn(int returnCode, int transmitCount) implements EscReturn {
    /** A failed call: MS-RDPESC 2.2.3 sets every other field to zero. */
    public static GetTransmitCountReturn error(int returnCode) {
        return new GetTransmitCountReturn(returnCode, 0);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode).u32(transmitCount);
    }

    public static GetTransmitCountReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        GetTransmitCountReturn out = new GetTransmitCountReturn(rc, r.u32("cTransmitCount"));
        r.expectEnd("GetTransmitCount_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "GetTransmitCount_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.13";
    }

    @Override
    public String toString() {
        return "GetTransmitCount_Return{ReturnCode=" + ByteFields.returnCode(returnCode) + " cTransmitCount="
                + Integer.toUnsignedString(transmitCount) + "}";
    }
}
