package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.20 Control_Call: SCardControl, a reader-specific dwControlCode with optional input (answered
 * by {@link ControlReturn}). fpvOutBufferIsNULL TRUE asks for the output length only; cbOutBufferSize is the
 * largest answer the caller takes (ignored when the flag is TRUE). A BOOL is TRUE when non-zero.
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle} | dwControlCode | cbInBufferSize (0..66560)
 *           | pvInBuffer (pointer) | fpvOutBufferIsNULL | cbOutBufferSize
 * deferred: context bytes | handle bytes | MaxCount, input bytes, pad to 4
 * </pre>
 *
 * @param inBuffer pvInBuffer; {@code null} for a NULL pointer (cbInBufferSize 0), empty for a non-NULL pointer
 *                 with MaxCount 0
 */
public record ControlCall(RedirHandle hCard, int controlCode, byte[] inBuffer, boolean outBufferIsNull,
                          int outBufferSize) implements EscCall {
    /** cbInBufferSize's upper bound (MS-RDPESC 2.2.2.20, IDL {@code [range(0,66560)]}). */
    public static final int MAX_IN_BUFFER = 66560;

    public ControlCall {
        Objects.requireNonNull(hCard, "hCard");
        inBuffer = ByteFields.checked("cbInBufferSize", inBuffer, MAX_IN_BUFFER);
    }

    @Override
    public byte[] inBuffer() {
        return ByteFields.copy(inBuffer);
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        w.u32(controlCode);
        ByteFields.writeInline(w, ByteFields.length(inBuffer), inBuffer);
        w.u32(outBufferIsNull ? 1 : 0).u32(outBufferSize);
        hCard.encodeDeferred(w);
        ByteFields.writeDeferred(w, inBuffer);
    }

    public static ControlCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        int controlCode = r.u32("dwControlCode");
        ByteFields.Inline in = ByteFields.readInline(r, "cbInBufferSize", "pvInBuffer", MAX_IN_BUFFER, false);
        boolean outIsNull = r.u32("fpvOutBufferIsNULL") != 0;
        int outSize = r.u32("cbOutBufferSize");
        RedirHandle hCard = handle.readDeferred(r);
        ControlCall out = new ControlCall(hCard, controlCode, in.readDeferred(r), outIsNull, outSize);
        r.expectEnd("Control_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "Control_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.20";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlCall c && hCard.equals(c.hCard) && controlCode == c.controlCode
                && Arrays.equals(inBuffer, c.inBuffer) && outBufferIsNull == c.outBufferIsNull
                && outBufferSize == c.outBufferSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hCard, controlCode, Arrays.hashCode(inBuffer), outBufferIsNull, outBufferSize);
    }

    @Override
    public String toString() {
        return "Control_Call{hCard=" + hCard + " dwControlCode=" + ByteFields.hex32(controlCode)
                + " cbInBufferSize=" + ByteFields.length(inBuffer) + " pvInBuffer=" + ByteFields.hex(inBuffer)
                + " fpvOutBufferIsNULL=" + outBufferIsNull + " cbOutBufferSize=" + ByteFields.hex32(outBufferSize)
                + "}";
    }
}
