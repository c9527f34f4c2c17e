package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

/** MS-RDPESC 2.2.3.3 Long_Return: a ReturnCode alone (the answer to most calls that return no data). */
public record LongReturn(int returnCode) implements EscReturn {
    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
    }

    public static LongReturn decode(NdrReader r) throws DecodeException {
        LongReturn out = new LongReturn(r.u32("ReturnCode"));
        r.expectEnd("Long_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "Long_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.3";
    }
}
