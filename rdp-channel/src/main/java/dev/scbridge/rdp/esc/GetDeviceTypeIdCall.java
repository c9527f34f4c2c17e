package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.32 GetDeviceTypeId_Call: asks for the reader's device type id (from its INF file).
 * There is no A variant: the name is always UTF-16LE.
 *
 * <pre>
 * inline:   cbContext | pbContext | szReaderName (unique)
 * deferred: [context bytes] [szReaderName string]
 * </pre>
 *
 * GetDeviceTypeId "Teleport", 4-byte context: 72-byte input (logon trace steps 014, 018).
 * A NULL reader name is rejected: the call is about that reader.
 */
public record GetDeviceTypeIdCall(RedirContext context, String readerName) implements EscCall {
    public GetDeviceTypeIdCall {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(readerName, "readerName");
        EscNdr.checkText("szReaderName", readerName, true, ReaderStateCall.MAX_READER_NAME);
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        w.pointer(true);
        context.encodeDeferred(w);
        w.string(readerName, true);
    }

    public static GetDeviceTypeIdCall decode(NdrReader r) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int at = r.position();
        int pointer = r.pointer("szReaderName");
        EscNdr.requirePointer("szReaderName", pointer, at);
        RedirContext context = ctx.readDeferred(r);
        GetDeviceTypeIdCall out = new GetDeviceTypeIdCall(context,
                r.string("szReaderName", true, ReaderStateCall.MAX_READER_NAME));
        r.expectEnd("GetDeviceTypeId_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "GetDeviceTypeId_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.32";
    }

    @Override
    public String toString() {
        return "GetDeviceTypeId_Call[context=" + context + ", szReaderName=" + EscText.quote(readerName) + "]";
    }
}
