package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.1 ReadCache_Return: ReturnCode and the cached value for ReadCacheA/W.
 *
 * <pre>
 * inline:   ReturnCode | cbDataLen | pbData (unique)
 * deferred: [MaxCount=cbDataLen, pbData, pad 4]
 * </pre>
 *
 * {@code pbData} follows the {@link ByteFields} convention: {@code null} is the NULL pointer (then
 * {@code cbDataLen} may still give a length: the length-only answer), an empty array a non-NULL pointer to MaxCount 0.
 * Windows accepted SCARD_W_CACHE_ITEM_NOT_FOUND as {@code 70 00 10 80 | 0 | ref 0x00020000 | MaxCount 0} (31 times)
 * and hits of up to 308 bytes (logon trace steps 054, 351).
 */
public record ReadCacheReturn(int returnCode, int cbDataLen, byte[] pbData) implements EscReturn {
    /** cbDataLen upper bound (MS-RDPESC sec. 6 IDL {@code [range(0,65536)]}). */
    public static final int MAX_LENGTH = 65_536;

    public ReadCacheReturn {
        pbData = ByteFields.checked("cbDataLen", cbDataLen, pbData, MAX_LENGTH);
    }

    /** SCARD_S_SUCCESS with the data. */
    public static ReadCacheReturn success(byte[] data) {
        return new ReadCacheReturn(0, data.length, data);
    }

    /** SCARD_S_SUCCESS with the length only (the call's fPbDataIsNULL was TRUE): NULL pointer, cbDataLen set. */
    public static ReadCacheReturn lengthOnly(int cbDataLen) {
        return new ReadCacheReturn(0, cbDataLen, null);
    }

    /**
     * An error as Windows accepted it: cbDataLen 0 with a non-NULL pointer to MaxCount 0. The NULL form the spec's
     * "other fields zero" suggests is {@code new ReadCacheReturn(code, 0, null)}.
     */
    public static ReadCacheReturn failure(int returnCode) {
        return new ReadCacheReturn(returnCode, 0, new byte[0]);
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

    public static ReadCacheReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        ByteFields.Inline data = ByteFields.readInline(r, "cbDataLen", "pbData", MAX_LENGTH, true);
        ReadCacheReturn out = new ReadCacheReturn(rc, data.count(), data.readDeferred(r));
        r.expectEnd("ReadCache_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "ReadCache_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.1";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadCacheReturn x && returnCode == x.returnCode && cbDataLen == x.cbDataLen
                && Arrays.equals(pbData, x.pbData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, cbDataLen, Arrays.hashCode(pbData));
    }

    @Override
    public String toString() {
        return "ReadCache_Return[ReturnCode=" + ByteFields.returnCode(returnCode) + ", cbDataLen="
                + Integer.toUnsignedString(cbDataLen) + ", pbData=" + ByteFields.hex(pbData) + "]";
    }
}
