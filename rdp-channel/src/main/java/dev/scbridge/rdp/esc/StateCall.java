package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.17 State_Call: the card's state, protocol and ATR (answered by {@link StateReturn}).
 * fpbAtrIsNULL TRUE asks for the length only (cbAtrLen ignored); cbAtrLen 0xFFFFFFFF (SCARD_AUTOALLOCATE) allows
 * any length; cbAtrLen 0 with fpbAtrIsNULL FALSE also asks for the length only. A BOOL is TRUE when non-zero;
 * it is written back as 1.
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle} | fpbAtrIsNULL | cbAtrLen
 * deferred: context bytes | handle bytes
 * </pre>
 */
public record StateCall(RedirHandle hCard, boolean atrIsNull, int atrLength) implements EscCall {
    public StateCall {
        Objects.requireNonNull(hCard, "hCard");
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        w.u32(atrIsNull ? 1 : 0).u32(atrLength);
        hCard.encodeDeferred(w);
    }

    public static StateCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        boolean atrIsNull = r.u32("fpbAtrIsNULL") != 0;
        int atrLength = r.u32("cbAtrLen");
        StateCall out = new StateCall(handle.readDeferred(r), atrIsNull, atrLength);
        r.expectEnd("State_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "State_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.17";
    }

    @Override
    public String toString() {
        return "State_Call{hCard=" + hCard + " fpbAtrIsNULL=" + atrIsNull + " cbAtrLen="
                + ByteFields.hex32(atrLength) + "}";
    }
}
