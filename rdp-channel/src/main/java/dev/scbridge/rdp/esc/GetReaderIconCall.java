package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.31 GetReaderIcon_Call: asks for the reader's icon (from its INF file).
 * There is no A variant: the name is always UTF-16LE.
 *
 * <pre>
 * inline:   cbContext | pbContext | szReaderName (unique)
 * deferred: [context bytes] [szReaderName string]
 * </pre>
 *
 * GetReaderIcon "Teleport", 4-byte context: 72-byte input (logon trace step 209).
 * A NULL reader name is rejected: the call is about that reader.
 */
public record GetReaderIconCall(RedirContext context, String readerName) implements EscCall {
    public GetReaderIconCall {
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

    public static GetReaderIconCall decode(NdrReader r) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int at = r.position();
        int pointer = r.pointer("szReaderName");
        EscNdr.requirePointer("szReaderName", pointer, at);
        RedirContext context = ctx.readDeferred(r);
        GetReaderIconCall out = new GetReaderIconCall(context,
                r.string("szReaderName", true, ReaderStateCall.MAX_READER_NAME));
        r.expectEnd("GetReaderIcon_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "GetReaderIcon_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.31";
    }

    @Override
    public String toString() {
        return "GetReaderIcon_Call[context=" + context + ", szReaderName=" + EscText.quote(readerName) + "]";
    }
}
