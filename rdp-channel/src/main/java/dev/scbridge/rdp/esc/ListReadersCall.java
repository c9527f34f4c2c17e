package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.4 ListReaders_Call (ListReadersA and ListReadersW: the group multistring is 8-bit or UTF-16LE).
 *
 * <pre>
 * inline:   cbContext | pbContext | cBytes | mszGroups (unique) | fmszReadersIsNULL | cchReaders
 * deferred: [context bytes] [MaxCount=cBytes, mszGroups, pad 4]
 * </pre>
 *
 * Windows sends NULL groups (cBytes 0) or {@code "SCard$AllReaders\0\0"} (xrdp dump, logon trace steps 012, 027).
 * {@code mszGroups} is kept as bytes so that a decoded call re-encodes exactly, {@code null} for a NULL pointer and an
 * empty array for a non-NULL pointer to MaxCount 0 (the {@link ByteFields} convention); {@link #groups()} gives the
 * names.
 */
public record ListReadersCall(RedirContext context, byte[] mszGroups, int fmszReadersIsNull, int cchReaders,
                              boolean wide) implements EscCall {
    /** cch/cb value meaning "return any length" (MS-RDPESC 2.2.2.4; SCARD_AUTOALLOCATE). */
    public static final int SCARD_AUTOALLOCATE = 0xFFFF_FFFF;
    /** cBytes upper bound (MS-RDPESC sec. 6 IDL {@code [range(0,65536)]}). */
    public static final int MAX_GROUPS_BYTES = 65_536;

    public ListReadersCall {
        Objects.requireNonNull(context, "context");
        mszGroups = ByteFields.checked("mszGroups", mszGroups, MAX_GROUPS_BYTES);
        if (mszGroups != null) {
            EscNdr.checkMultistring("mszGroups", mszGroups, wide);
        }
    }

    /**
     * The call as Windows sends it: the groups as a multistring (NULL pointer when there are none),
     * fmszReadersIsNULL FALSE, cchReaders SCARD_AUTOALLOCATE.
     */
    public static ListReadersCall of(RedirContext context, List<String> groups, boolean wide) {
        byte[] msz = groups.isEmpty() ? null : Msz.encode(groups, wide);
        return new ListReadersCall(context, msz, 0, SCARD_AUTOALLOCATE, wide);
    }

    @Override
    public byte[] mszGroups() {
        return ByteFields.copy(mszGroups);
    }

    /** The group names (empty for NULL or an empty multistring: all readers). */
    public List<String> groups() {
        return mszGroups == null ? List.of() : EscNdr.names("mszGroups", mszGroups, wide);
    }

    /** True when the server asks only for the length of the reader multistring. */
    public boolean lengthOnly() {
        return fmszReadersIsNull != 0;
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        ByteFields.writeInline(w, ByteFields.length(mszGroups), mszGroups);
        w.u32(fmszReadersIsNull).u32(cchReaders);
        context.encodeDeferred(w);
        ByteFields.writeDeferred(w, mszGroups);
    }

    public static ListReadersCall decode(NdrReader r, boolean wide) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        ByteFields.Inline msz = ByteFields.readInline(r, "cBytes", "mszGroups", MAX_GROUPS_BYTES, false);
        int isNull = r.u32("fmszReadersIsNULL");
        int cch = r.u32("cchReaders");
        RedirContext context = ctx.readDeferred(r);
        byte[] groups = msz.readDeferred(r);
        if (groups != null) {
            Msz.decode("mszGroups", groups, wide);
        }
        ListReadersCall out = new ListReadersCall(context, groups, isNull, cch, wide);
        r.expectEnd("ListReaders_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "ListReaders_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.4";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListReadersCall c && context.equals(c.context) && Arrays.equals(mszGroups, c.mszGroups)
                && fmszReadersIsNull == c.fmszReadersIsNull
                && cchReaders == c.cchReaders && wide == c.wide;
    }

    @Override
    public int hashCode() {
        return Objects.hash(context, Arrays.hashCode(mszGroups), fmszReadersIsNull, cchReaders, wide);
    }

    @Override
    public String toString() {
        return "ListReaders_Call[wide=" + wide + ", context=" + context + ", mszGroups="
                + (mszGroups != null ? groups() + " (" + mszGroups.length + " bytes)" : "NULL")
                + ", fmszReadersIsNULL=" + fmszReadersIsNull + ", cchReaders=" + EscText.length(cchReaders) + "]";
    }
}
