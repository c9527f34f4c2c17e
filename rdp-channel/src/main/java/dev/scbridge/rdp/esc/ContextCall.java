package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/** MS-RDPESC 2.2.2.2 Context_Call: a REDIR_SCARDCONTEXT alone (ReleaseContext, IsValidContext, Cancel). */
public record ContextCall(RedirContext context) implements EscCall {
    public ContextCall {
        Objects.requireNonNull(context, "context");
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        context.encodeDeferred(w);
    }

    public static ContextCall decode(NdrReader r) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        ContextCall out = new ContextCall(ctx.readDeferred(r));
        r.expectEnd("Context_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "Context_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.2";
    }
}
