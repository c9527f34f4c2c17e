package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.22 SetAttrib_Call: write reader attribute dwAttrId (answered by {@link LongReturn}).
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle} | dwAttrId | cbAttrLen (0..65536) | pbAttr (pointer)
 * deferred: context bytes | handle bytes | MaxCount, attribute bytes, pad to 4
 * </pre>
 *
 * @param attr pbAttr; {@code null} for a NULL pointer (cbAttrLen 0), empty for a non-NULL pointer with MaxCount 0
 */
public record SetAttribCall(RedirHandle hCard, int attrId, byte[] attr) implements EscCall {
    /** cbAttrLen's upper bound (MS-RDPESC 2.2.2.22, IDL {@code [range(0,65536)]}). */
    public static final int MAX_ATTR_LENGTH = 65536;

    public SetAttribCall {
        Objects.requireNonNull(hCard, "hCard");
        attr = ByteFields.checked("cbAttrLen", attr, MAX_ATTR_LENGTH);
    }

    @Override
    public byte[] attr() {
        return ByteFields.copy(attr);
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        w.u32(attrId);
        ByteFields.writeInline(w, ByteFields.length(attr), attr);
        hCard.encodeDeferred(w);
        ByteFields.writeDeferred(w, attr);
    }

    public static SetAttribCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        int attrId = r.u32("dwAttrId");
        ByteFields.Inline attr = ByteFields.readInline(r, "cbAttrLen", "pbAttr", MAX_ATTR_LENGTH, false);
        RedirHandle hCard = handle.readDeferred(r);
        SetAttribCall out = new SetAttribCall(hCard, attrId, attr.readDeferred(r));
        r.expectEnd("SetAttrib_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "SetAttrib_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.22";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetAttribCall c && hCard.equals(c.hCard) && attrId == c.attrId
                && Arrays.equals(attr, c.attr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hCard, attrId, Arrays.hashCode(attr));
    }

    @Override
    public String toString() {
        return "SetAttrib_Call{hCard=" + hCard + " dwAttrId=" + ByteFields.hex32(attrId) + " cbAttrLen="
                + ByteFields.length(attr) + " pbAttr=" + ByteFields.hex(attr) + "}";
    }
}
