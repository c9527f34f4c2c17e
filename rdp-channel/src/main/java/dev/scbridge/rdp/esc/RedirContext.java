package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MS-RDPESC 2.2.1.1 REDIR_SCARDCONTEXT: {@code cbContext} (0..16) and a unique pointer to that many opaque bytes.
 * The card side chooses the bytes; the server echoes them. Inline part and deferred pointee are written
 * separately, because the pointee follows the whole fixed part of the enclosing structure.
 */
public record RedirContext(byte[] value) {
    /** cbContext's upper bound (MS-RDPESC 2.2.1.1, IDL {@code [range(0,16)]}). */
    public static final int MAX_LENGTH = 16;
    /** The empty context (cbContext 0, NULL pointer). */
    public static final RedirContext EMPTY = new RedirContext(new byte[0]);

    public RedirContext {
        value = value.clone();
        if (value.length > MAX_LENGTH) {
            throw new IllegalArgumentException("context of " + value.length + " bytes (max " + MAX_LENGTH + ")");
        }
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Writes cbContext and the pointer. */
    public void encodeInline(NdrWriter w) {
        w.u32(value.length).pointer(value.length > 0);
    }

    /** Writes the pointee (nothing for an empty context). */
    public void encodeDeferred(NdrWriter w) {
        if (value.length > 0) {
            w.conformantBytes(value);
        }
    }

    /** Reads cbContext and the pointer; {@link Inline#readDeferred} reads the bytes later. */
    public static Inline readInline(NdrReader r) throws DecodeException {
        int at = r.position();
        int length = r.count("cbContext", MAX_LENGTH);
        int pointer = r.pointer("pbContext");
        if ((length == 0) != (pointer == NdrReader.NULL_POINTER)) {
            throw new DecodeException("pbContext", "cbContext " + length + " with a "
                    + (pointer == 0 ? "NULL" : "non-NULL") + " pointer", at);
        }
        return new Inline(length, pointer);
    }

    /** The inline half of a context read from the wire. */
    public record Inline(int length, int pointer) {
        public RedirContext readDeferred(NdrReader r) throws DecodeException {
            if (pointer == NdrReader.NULL_POINTER) {
                return EMPTY;
            }
            return new RedirContext(r.conformantBytes("pbContext", length, MAX_LENGTH));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedirContext c && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return value.length == 0 ? "(empty)" : HexFormat.of().withUpperCase().formatHex(value);
    }
}
