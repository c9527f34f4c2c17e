package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.13 ConnectA_Call / 2.2.2.14 ConnectW_Call: the reader name, then Connect_Common (2.2.1.3:
 * Context, dwShareMode, dwPreferredProtocols). The name's pointer comes first, so its string is the first pointee.
 *
 * <pre>
 * inline:   szReader (unique) | cbContext | pbContext | dwShareMode | dwPreferredProtocols
 * deferred: [szReader string] [context bytes]
 * </pre>
 *
 * ConnectW "Teleport", 4-byte context: 80-byte input (logon trace step 035). A NULL reader name is rejected: the
 * call names the reader to connect to.
 */
public record ConnectCall(String reader, RedirContext context, int shareMode, int preferredProtocols, boolean wide)
        implements EscCall {
    public ConnectCall {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(context, "context");
        EscNdr.checkText("szReader", reader, wide, ReaderStateCall.MAX_READER_NAME);
    }

    @Override
    public void encode(NdrWriter w) {
        w.pointer(true);
        context.encodeInline(w);
        w.u32(shareMode).u32(preferredProtocols);
        w.string(reader, wide);
        context.encodeDeferred(w);
    }

    public static ConnectCall decode(NdrReader r, boolean wide) throws DecodeException {
        int at = r.position();
        int pointer = r.pointer("szReader");
        EscNdr.requirePointer("szReader", pointer, at);
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int share = r.u32("dwShareMode");
        int protocols = r.u32("dwPreferredProtocols");
        String reader = r.string("szReader", wide, ReaderStateCall.MAX_READER_NAME);
        ConnectCall out = new ConnectCall(reader, ctx.readDeferred(r), share, protocols, wide);
        r.expectEnd(wide ? "ConnectW_Call" : "ConnectA_Call");
        return out;
    }

    @Override
    public String structureName() {
        return wide ? "ConnectW_Call" : "ConnectA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.14" : "MS-RDPESC 2.2.2.13";
    }

    @Override
    public String toString() {
        return structureName() + "[szReader=" + EscText.quote(reader) + ", context=" + context + ", dwShareMode="
                + shareMode + ", dwPreferredProtocols=" + String.format("0x%08X", preferredProtocols) + "]";
    }
}
