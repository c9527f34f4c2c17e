package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.1.2 REDIR_SCARDHANDLE: the context it was opened in, {@code cbHandle} (0..16) and a unique pointer
 * to the handle bytes. Inline: cbContext, pbContext, cbHandle, pbHandle; deferred: the context bytes, then the
 * handle bytes.
 */
public record RedirHandle(RedirContext context, byte[] handle) {
    /** cbHandle's upper bound (MS-RDPESC 2.2.1.2, IDL {@code [range(0,16)]}). */
    public static final int MAX_LENGTH = 16;

    public RedirHandle {
        Objects.requireNonNull(context, "context");
        handle = handle.clone();
        if (handle.length > MAX_LENGTH) {
            throw new IllegalArgumentException("handle of " + handle.length + " bytes (max " + MAX_LENGTH + ")");
        }
    }

    @Override
    public byte[] handle() {
        return handle.clone();
    }

    public void encodeInline(NdrWriter w) {
        context.encodeInline(w);
        w.u32(handle.length).pointer(handle.length > 0);
    }

    public void encodeDeferred(NdrWriter w) {
        context.encodeDeferred(w);
        if (handle.length > 0) {
            w.conformantBytes(handle);
        }
    }

    public static Inline readInline(NdrReader r) throws DecodeException {
        RedirContext.Inline context = RedirContext.readInline(r);
        int at = r.position();
        int length = r.count("cbHandle", MAX_LENGTH);
        int pointer = r.pointer("pbHandle");
        if ((length == 0) != (pointer == NdrReader.NULL_POINTER)) {
            throw new DecodeException("pbHandle", "cbHandle " + length + " with a "
                    + (pointer == 0 ? "NULL" : "non-NULL") + " pointer", at);
        }
        return new Inline(context, length, pointer);
    }

    /** The inline half of a handle read from the wire. */
    public record Inline(RedirContext.Inline context, int length, int pointer) {
        public RedirHandle readDeferred(NdrReader r) throws DecodeException {
            RedirContext ctx = context.readDeferred(r);
            byte[] h = pointer == NdrReader.NULL_POINTER ? new byte[0]
                    : r.conformantBytes("pbHandle", length, MAX_LENGTH);
            return new RedirHandle(ctx, h);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedirHandle h && context.equals(h.context) && Arrays.equals(handle, h.handle);
    }

    @Override
    public int hashCode() {
        return 31 * context.hashCode() + Arrays.hashCode(handle);
    }

    @Override
    public String toString() {
        return "context=" + context + " handle=" + (handle.length == 0 ? "(empty)"
                : HexFormat.of().withUpperCase().formatHex(handle));
    }
}
