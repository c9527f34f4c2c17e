package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.21 GetAttrib_Call: read reader attribute dwAttrId (answered by {@link GetAttribReturn}).
 * fpbAttrIsNULL TRUE asks for the length only; cbAttrLen 0xFFFFFFFF (SCARD_AUTOALLOCATE) allows any length, 0 with
 * fpbAttrIsNULL FALSE asks for the length only. A BOOL is TRUE when non-zero.
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle} | dwAttrId | fpbAttrIsNULL | cbAttrLen
 * deferred: context bytes | handle bytes
 * </pre>
 */
public record GetAttribCall(RedirHandle hCard, int attrId, boolean attrIsNull, int attrLength) implements EscCall {
    public GetAttribCall {
        Objects.requireNonNull(hCard, "hCard");
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        w.u32(attrId).u32(attrIsNull ? 1 : 0).u32(attrLength);
        hCard.encodeDeferred(w);
    }

    public static GetAttribCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        int attrId = r.u32("dwAttrId");
        boolean attrIsNull = r.u32("fpbAttrIsNULL") != 0;
        int attrLength = r.u32("cbAttrLen");
        GetAttribCall out = new GetAttribCall(handle.readDeferred(r), attrId, attrIsNull, attrLength);
        r.expectEnd("GetAttrib_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "GetAttrib_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.21";
    }

    @Override
    public String toString() {
        return "GetAttrib_Call{hCard=" + hCard + " dwAttrId=" + ByteFields.hex32(attrId) + " fpbAttrIsNULL="
                + attrIsNull + " cbAttrLen=" + ByteFields.hex32(attrLength) + "}";
    }
}
