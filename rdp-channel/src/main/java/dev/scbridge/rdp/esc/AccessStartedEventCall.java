package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

/**
 * MS-RDPESC 2.2.2.30 ScardAccessStartedEvent_Call: 4 uninitialised bytes, <em>not</em> type-serialized (no
 * MS-RPCE headers; MS-RDPESC 3.2.5.3.73 "MUST NOT be encoded"). The value means nothing and MUST be ignored; it is
 * kept only so that a decoded call re-encodes as it came. Read it with {@link NdrReader#raw}; {@link #toBytes} gives
 * the 4 bytes alone.
 *
 * <pre>
 * Unused (4 bytes, raw)
 * </pre>
 */
public record AccessStartedEventCall(int unused) implements EscCall {
    /** The call is exactly these 4 bytes (Windows' InputBufferLength 4: xrdp dump, logon trace step 007). */
    public static final int LENGTH = 4;

    @Override
    public void encode(NdrWriter w) {
        w.u32(unused);
    }

    /** The 4 raw bytes: this call has no type serialization headers. */
    @Override
    public byte[] toBytes() {
        NdrWriter w = new NdrWriter(LENGTH);
        encode(w);
        return w.raw();
    }

    /** Reads the 4 bytes from a {@link NdrReader#raw} reader; anything but exactly 4 bytes is rejected. */
    public static AccessStartedEventCall decode(NdrReader r) throws DecodeException {
        AccessStartedEventCall out = new AccessStartedEventCall(r.u32("Unused"));
        if (r.remaining() != 0) {
            throw new DecodeException("ScardAccessStartedEvent_Call", r.remaining()
                    + " unexpected bytes after the 4-byte Unused field", r.position());
        }
        return out;
    }

    @Override
    public String structureName() {
        return "ScardAccessStartedEvent_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.30";
    }

    @Override
    public String toString() {
        return String.format("ScardAccessStartedEvent_Call[Unused=0x%08X]", unused);
    }
}
