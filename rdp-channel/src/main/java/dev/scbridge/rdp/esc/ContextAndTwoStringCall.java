package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;
import java.util.Optional;

/**
 * MS-RDPESC 2.2.2.7 ContextAndTwoStringA_Call / 2.2.2.8 ContextAndTwoStringW_Call: a context and two names
 * (IntroduceReader: reader, device; AddReaderToGroup and RemoveReaderFromGroup: reader, group).
 *
 * <pre>
 * inline:   cbContext | pbContext | sz1 (unique) | sz2 (unique)
 * deferred: [context bytes] [sz1 string] [sz2 string]
 * </pre>
 *
 * Either string may be NULL on the wire (unique pointers); NULL is kept as {@link Optional#empty()}.
 */
public record ContextAndTwoStringCall(RedirContext context, Optional<String> sz1, Optional<String> sz2,
                                      boolean wide) implements EscCall {
    public ContextAndTwoStringCall {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(sz1, "sz1");
        Objects.requireNonNull(sz2, "sz2");
        sz1.ifPresent(s -> EscNdr.checkText("sz1", s, wide, ContextAndStringCall.MAX_NAME));
        sz2.ifPresent(s -> EscNdr.checkText("sz2", s, wide, ContextAndStringCall.MAX_NAME));
    }

    public static ContextAndTwoStringCall of(RedirContext context, String sz1, String sz2, boolean wide) {
        return new ContextAndTwoStringCall(context, Optional.of(sz1), Optional.of(sz2), wide);
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        w.pointer(sz1.isPresent()).pointer(sz2.isPresent());
        context.encodeDeferred(w);
        sz1.ifPresent(s -> w.string(s, wide));
        sz2.ifPresent(s -> w.string(s, wide));
    }

    public static ContextAndTwoStringCall decode(NdrReader r, boolean wide) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int p1 = r.pointer("sz1");
        int p2 = r.pointer("sz2");
        RedirContext context = ctx.readDeferred(r);
        Optional<String> sz1 = p1 == NdrReader.NULL_POINTER ? Optional.empty()
                : Optional.of(r.string("sz1", wide, ContextAndStringCall.MAX_NAME));
        Optional<String> sz2 = p2 == NdrReader.NULL_POINTER ? Optional.empty()
                : Optional.of(r.string("sz2", wide, ContextAndStringCall.MAX_NAME));
        ContextAndTwoStringCall out = new ContextAndTwoStringCall(context, sz1, sz2, wide);
        r.expectEnd(wide ? "ContextAndTwoStringW_Call" : "ContextAndTwoStringA_Call");
        return out;
    }

    @Override
    public String structureName() {
        return wide ? "ContextAndTwoStringW_Call" : "ContextAndTwoStringA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.8" : "MS-RDPESC 2.2.2.7";
    }

    @Override
    public String toString() {
        return structureName() + "[context=" + context + ", sz1=" + EscText.string(sz1) + ", sz2="
                + EscText.string(sz2) + "]";
    }
}
