package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.3 ListReaderGroups_Call (ListReaderGroupsA and ListReaderGroupsW alike: no strings go in).
 *
 * <pre>
 * inline:   cbContext | pbContext | fmszGroupsIsNULL | cchGroups
 * deferred: [context bytes]
 * </pre>
 *
 * {@code fmszGroupsIsNull} is kept as sent (a BOOL, any non-zero is TRUE); {@code cchGroups} is in characters,
 * {@link ListReadersCall#SCARD_AUTOALLOCATE} for "any length" (MS-RDPESC 2.2.2.3).
 */
public record ListReaderGroupsCall(RedirContext context, int fmszGroupsIsNull, int cchGroups) implements EscCall {
    public ListReaderGroupsCall {
        Objects.requireNonNull(context, "context");
    }

    /** True when the server asks only for the length of the multistring. */
    public boolean lengthOnly() {
        return fmszGroupsIsNull != 0;
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        w.u32(fmszGroupsIsNull).u32(cchGroups);
        context.encodeDeferred(w);
    }

    public static ListReaderGroupsCall decode(NdrReader r) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int isNull = r.u32("fmszGroupsIsNULL");
        int cch = r.u32("cchGroups");
        ListReaderGroupsCall out = new ListReaderGroupsCall(ctx.readDeferred(r), isNull, cch);
        r.expectEnd("ListReaderGroups_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "ListReaderGroups_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.3";
    }

    @Override
    public String toString() {
        return "ListReaderGroups_Call[context=" + context + ", fmszGroupsIsNULL=" + fmszGroupsIsNull
                + ", cchGroups=" + EscText.length(cchGroups) + "]";
    }
}
