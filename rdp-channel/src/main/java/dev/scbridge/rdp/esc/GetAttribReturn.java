package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.12 GetAttrib_Return: a reader attribute's value.
 *
 * <pre>
 * inline:   ReturnCode | cbAttrLen (0..65536) | pbAttr (pointer)
 * deferred: MaxCount, attribute bytes, pad to 4
 * </pre>
 *
 * A NULL pbAttr with a non-zero cbAttrLen is the length-only answer (fpbAttrIsNULL TRUE, or cbAttrLen 0 in the
 * call, MS-RDPESC 2.2.2.21).
 *
 * @param attrLength cbAttrLen: the value's length, or the length alone when {@code attr} is null
 * @param attr       pbAttr, or {@code null} for a NULL pointer
 */
public record GetAttribReturn(int returnCode, int attrLength, byte[] attr) implements EscReturn {
    /** cbAttrLen's upper bound (MS-RDPESC 2.2.3.12, IDL {@code [range(0,65536)]}). */
    public static final int MAX_ATTR_LENGTH = 65536;

    public GetAttribReturn {
        attr = ByteFields.checked("cbAttrLen", attrLength, attr, MAX_ATTR_LENGTH);
    }

    public static GetAttribReturn of(byte[] value) {
        return new GetAttribReturn(0, value.length, value);
    }

    /** The length-only answer: cbAttrLen set, pbAttr NULL. */
    public static GetAttribReturn lengthOnly(int length) {
        return new GetAttribReturn(0, length, null);
    }

    /** A failed call: MS-RDPESC 2.2.3 sets every other field to zero. */
    public static GetAttribReturn error(int returnCode) {
        return new GetAttribReturn(returnCode, 0, null);
    }

    @Override
    public byte[] attr() {
        return ByteFields.copy(attr);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        ByteFields.writeInline(w, attrLength, attr);
        ByteFields.writeDeferred(w, attr);
    }

    public static GetAttribReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        ByteFields.Inline attr = ByteFields.readInline(r, "cbAttrLen", "pbAttr", MAX_ATTR_LENGTH, true);
        GetAttribReturn out = new GetAttribReturn(rc, attr.count(), attr.readDeferred(r));
        r.expectEnd("GetAttrib_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "GetAttrib_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.12";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetAttribReturn g && returnCode == g.returnCode && attrLength == g.attrLength
                && Arrays.equals(attr, g.attr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, attrLength, Arrays.hashCode(attr));
    }

    @Override
    public String toString() {
        return "GetAttrib_Return{ReturnCode=" + ByteFields.returnCode(returnCode) + " cbAttrLen=" + attrLength
                + " pbAttr=" + ByteFields.hex(attr) + "}";
    }
}
