package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.14 GetReaderIcon_Return: ReturnCode and the reader icon for GetReaderIcon.
 *
 * <pre>
 * inline:   ReturnCode | cbDataLen | pbData (unique)
 * deferred: [MaxCount=cbDataLen, pbData, pad 4]
 * </pre>
 *
 * {@code pbData} follows the {@link ByteFields} convention: {@code null} is the NULL pointer (then
 * {@code cbDataLen} may still give a length: the length-only answer), an empty array a non-NULL pointer to MaxCount 0.
 * Windows accepted SCARD_E_UNSUPPORTED_FEATURE as {@code 22 00 10 80 | 0 | ref 0x00020000 | MaxCount 0} and went
 * on with the logon (logon trace step 210).
 */
public record GetReaderIconReturn(int returnCode, int cbDataLen, byte[] pbData) implements EscReturn {
    /** cbDataLen upper bound (MS-RDPESC 2.2.3.14 {@code [range(0, 4194304)]}). */
    public static final int MAX_LENGTH = 4_194_304;

    public GetReaderIconReturn {
        pbData = ByteFields.checked("cbDataLen", cbDataLen, pbData, MAX_LENGTH);
    }

    /** SCARD_S_SUCCESS with the data. */
    public static GetReaderIconReturn success(byte[] data) {
        return new GetReaderIconReturn(0, data.length, data);
    }

    /** SCARD_S_SUCCESS with the length only (the call's fPbDataIsNULL was TRUE): NULL pointer, cbDataLen set. */
    public static GetReaderIconReturn lengthOnly(int cbDataLen) {
        return new GetReaderIconReturn(0, cbDataLen, null);
    }

    /**
     * An error as Windows accepted it: cbDataLen 0 with a non-NULL pointer to MaxCount 0. The NULL form the spec's
     * "other fields zero" suggests is {@code new GetReaderIconReturn(code, 0, null)}.
     */
    public static GetReaderIconReturn failure(int returnCode) {
        return new GetReaderIconReturn(returnCode, 0, new byte[0]);
    }

    @Override
    public byte[] pbData() {
        return ByteFields.copy(pbData);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        ByteFields.writeInline(w, cbDataLen, pbData);
        ByteFields.writeDeferred(w, pbData);
    }

    public static GetReaderIconReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        ByteFields.Inline data = ByteFields.readInline(r, "cbDataLen", "pbData", MAX_LENGTH, true);
        GetReaderIconReturn out = new GetReaderIconReturn(rc, data.count(), data.readDeferred(r));
        r.expectEnd("GetReaderIcon_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "GetReaderIcon_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.14";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetReaderIconReturn x && returnCode == x.returnCode && cbDataLen == x.cbDataLen
                && Arrays.equals(pbData, x.pbData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, cbDataLen, Arrays.hashCode(pbData));
    }

    @Override
    public String toString() {
        return "GetReaderIcon_Return[ReturnCode=" + ByteFields.returnCode(returnCode) + ", cbDataLen="
                + Integer.toUnsignedString(cbDataLen) + ", pbData=" + ByteFields.hex(pbData) + "]";
    }
}
