package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.4 ListReaderGroups_Return and ListReaders_Return (one IDL type, {@code longAndMultiString_Return}):
 * ReturnCode and a multistring (ListReaderGroupsA/W: group names; ListReadersA/W: reader names; 8-bit or UTF-16LE,
 * cBytes in bytes).
 *
 * <pre>
 * inline:   ReturnCode | cBytes | msz (unique)
 * deferred: [MaxCount=cBytes, msz, pad 4]
 * </pre>
 *
 * {@code msz} follows the {@link ByteFields} convention: {@code null} is the NULL pointer (then {@code cBytes} may
 * still give a length: the length-only answer), an empty array a non-NULL pointer to MaxCount 0.
 * Windows accepted {@code "Teleport\0\0"} (20 bytes, W) in 56 bytes (logon trace step 013).
 */
public record ListReadersReturn(int returnCode, int cBytes, byte[] msz) implements EscReturn {
    /** cBytes upper bound (MS-RDPESC sec. 6 IDL {@code [range(0,65536)]}). */
    public static final int MAX_LENGTH = 65_536;

    public ListReadersReturn {
        msz = ByteFields.checked("cBytes", cBytes, msz, MAX_LENGTH);
    }

    /** SCARD_S_SUCCESS with the names as a multistring ({@code "Teleport\0\0"}: 20 bytes in W). */
    public static ListReadersReturn success(List<String> names, boolean wide) {
        byte[] msz = Msz.encode(names, wide);
        return new ListReadersReturn(0, msz.length, msz);
    }

    /** SCARD_S_SUCCESS with the length only (the call's f*IsNULL was TRUE): NULL pointer, cBytes set. */
    public static ListReadersReturn lengthOnly(int cBytes) {
        return new ListReadersReturn(0, cBytes, null);
    }

    /**
     * An error: cBytes 0 with a non-NULL pointer to MaxCount 0, the form Windows accepted for the other
     * {@code [unique] byte*} returns in the recorded logon (ReadCache_Return, GetReaderIcon_Return). The NULL form
     * the spec's "other fields zero" suggests is {@code new ListReadersReturn(code, 0, null)}.
     */
    public static ListReadersReturn failure(int returnCode) {
        return new ListReadersReturn(returnCode, 0, new byte[0]);
    }

    @Override
    public byte[] msz() {
        return ByteFields.copy(msz);
    }

    /** The names in the multistring (empty for a NULL pointer). */
    public List<String> names(boolean wide) throws DecodeException {
        return msz == null ? List.of() : Msz.decode("msz", msz, wide);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        ByteFields.writeInline(w, cBytes, msz);
        ByteFields.writeDeferred(w, msz);
    }

    public static ListReadersReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        ByteFields.Inline msz = ByteFields.readInline(r, "cBytes", "msz", MAX_LENGTH, true);
        ListReadersReturn out = new ListReadersReturn(rc, msz.count(), msz.readDeferred(r));
        r.expectEnd("ListReaders_Return");
        return out;
    }

    /** The spec names both structures for this one type. */
    @Override
    public String structureName() {
        return "ListReaderGroups_Return/ListReaders_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.4";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListReadersReturn x && returnCode == x.returnCode && cBytes == x.cBytes
                && Arrays.equals(msz, x.msz);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, cBytes, Arrays.hashCode(msz));
    }

    @Override
    public String toString() {
        return "ListReaders_Return[ReturnCode=" + ByteFields.returnCode(returnCode) + ", cBytes="
                + Integer.toUnsignedString(cBytes) + ", msz=" + ByteFields.hex(msz) + "]";
    }
}
