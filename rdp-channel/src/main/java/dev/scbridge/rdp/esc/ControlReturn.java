package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.6 Control_Return: the reader's answer to SCardControl.
 *
 * <pre>
 * inline:   ReturnCode | cbOutBufferSize (0..66560) | pvOutBuffer (pointer)
 * deferred: MaxCount, output bytes, pad to 4
 * </pre>
 *
 * @param outBufferSize cbOutBufferSize: the output's length, or the length alone when {@code outBuffer} is null
 * @param outBuffer     pvOutBuffer, or {@code null} for a NULL pointer (length-only answer or failure)
 */
public record ControlReturn(int returnCode, int outBufferSize, byte[] outBuffer) implements EscReturn {
    /** cbOutBufferSize's upper bound (MS-RDPESC 2.2.3.6, IDL {@code [range(0,66560)]}). */
    public static final int MAX_OUT_BUFFER = 66560;

    public ControlReturn {
        outBuffer = ByteFields.checked("cbOutBufferSize", outBufferSize, outBuffer, MAX_OUT_BUFFER);
    }

    public static ControlReturn of(byte[] output) {
        return new ControlReturn(0, output.length, output);
    }

    /** A failed call (FreeRDP's emulated card answers SCARD_E_UNSUPPORTED_FEATURE): other fields zero. */
    public static ControlReturn error(int returnCode) {
        return new ControlReturn(returnCode, 0, null);
    }

    @Override
    public byte[] outBuffer() {
        return ByteFields.copy(outBuffer);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        ByteFields.writeInline(w, outBufferSize, outBuffer);
        ByteFields.writeDeferred(w, outBuffer);
    }

    public static ControlReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        ByteFields.Inline out = ByteFields.readInline(r, "cbOutBufferSize", "pvOutBuffer", MAX_OUT_BUFFER, true);
        ControlReturn ret = new ControlReturn(rc, out.count(), out.readDeferred(r));
        r.expectEnd("Control_Return");
        return ret;
    }

    @Override
    public String structureName() {
        return "Control_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.6";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlReturn c && returnCode == c.returnCode && outBufferSize == c.outBufferSize
                && Arrays.equals(outBuffer, c.outBuffer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, outBufferSize, Arrays.hashCode(outBuffer));
    }

    @Override
    public String toString() {
        return "Control_Return{ReturnCode=" + ByteFields.returnCode(returnCode) + " cbOutBufferSize="
                + outBufferSize + " pvOutBuffer=" + ByteFields.hex(outBuffer) + "}";
    }
}
