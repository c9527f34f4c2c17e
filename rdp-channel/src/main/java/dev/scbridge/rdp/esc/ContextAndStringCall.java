package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;
import java.util.Optional;

/**
 * MS-RDPESC 2.2.2.5 ContextAndStringA_Call / 2.2.2.6 ContextAndStringW_Call: a context and one name
 * (IntroduceReaderGroup, ForgetReaderGroup: a group name; ForgetReader: a reader name).
 *
 * <pre>
 * inline:   cbContext | pbContext | sz (unique)
 * deferred: [context bytes] [MaxCount, Offset 0, ActualCount, chars + NUL, pad 4]
 * </pre>
 *
 * {@code sz} is a unique pointer and may be NULL (IronRDP decodes such a call: vectors/ndr.txt); it is kept as
 * {@link Optional#empty()} so that the call re-encodes as it came.
 */
public record ContextAndStringCall(RedirContext context, Optional<String> sz, boolean wide) implements EscCall {
    /**
     * Longest name accepted, in characters with the NUL: reader and group names are short (pcsc-lite
     * MAX_READERNAME 128), device names in IntroduceReader are paths (MAX_PATH 260); 1024 leaves room and caps
     * what a hostile MaxCount can make us read.
     */
    public static final int MAX_NAME = 1024;

    public ContextAndStringCall {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(sz, "sz");
        sz.ifPresent(s -> EscNdr.checkText("sz", s, wide, MAX_NAME));
    }

    public static ContextAndStringCall of(RedirContext context, String sz, boolean wide) {
        return new ContextAndStringCall(context, Optional.of(sz), wide);
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        w.pointer(sz.isPresent());
        context.encodeDeferred(w);
        sz.ifPresent(s -> w.string(s, wide));
    }

    public static ContextAndStringCall decode(NdrReader r, boolean wide) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int pointer = r.pointer("sz");
        RedirContext context = ctx.readDeferred(r);
        Optional<String> sz = pointer == NdrReader.NULL_POINTER ? Optional.empty()
                : Optional.of(r.string("sz", wide, MAX_NAME));
        ContextAndStringCall out = new ContextAndStringCall(context, sz, wide);
        r.expectEnd(wide ? "ContextAndStringW_Call" : "ContextAndStringA_Call");
        return out;
    }

    @Override
    public String structureName() {
        return wide ? "ContextAndStringW_Call" : "ContextAndStringA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.6" : "MS-RDPESC 2.2.2.5";
    }

    @Override
    public String toString() {
        return structureName() + "[context=" + context + ", sz=" + EscText.string(sz) + "]";
    }
}
