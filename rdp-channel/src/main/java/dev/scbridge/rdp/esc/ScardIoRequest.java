package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;

/**
 * MS-RDPESC 2.2.1.8 SCardIO_Request: the protocol control information that precedes a Transmit.
 *
 * <pre>
 * inline:   dwProtocol | cbExtraBytes (0..1024) | pbExtraBytes (unique pointer)
 * deferred: MaxCount | extra bytes | pad to 4          (only for a non-NULL pointer)
 * </pre>
 *
 * Embedded in Transmit_Call (ioSendPci, inline) and pointed to by Transmit_Call/Transmit_Return
 * (pioRecvPci); like {@link RedirContext} it writes its inline part and its pointee separately.
 *
 * @param protocol   dwProtocol (MS-RDPESC 2.2.5)
 * @param extraBytes pbExtraBytes, or {@code null} for a NULL pointer (cbExtraBytes 0); an empty array is a
 *                   non-NULL pointer with MaxCount 0
 */
public record ScardIoRequest(int protocol, byte[] extraBytes) {
    /** cbExtraBytes' upper bound (MS-RDPESC 2.2.1.8, IDL {@code [range(0,1024)]}). */
    public static final int MAX_EXTRA_BYTES = 1024;

    public ScardIoRequest {
        extraBytes = ByteFields.checked("cbExtraBytes", extraBytes, MAX_EXTRA_BYTES);
    }

    /** A request with no extra bytes (cbExtraBytes 0, NULL pointer), as Windows sends ioSendPci. */
    public static ScardIoRequest of(int protocol) {
        return new ScardIoRequest(protocol, null);
    }

    @Override
    public byte[] extraBytes() {
        return ByteFields.copy(extraBytes);
    }

    public void encodeInline(NdrWriter w) {
        w.u32(protocol);
        ByteFields.writeInline(w, ByteFields.length(extraBytes), extraBytes);
    }

    public void encodeDeferred(NdrWriter w) {
        ByteFields.writeDeferred(w, extraBytes);
    }

    /**
     * Reads dwProtocol, cbExtraBytes and the pointer; {@link Inline#readDeferred} reads the bytes later.
     *
     * @param name the field's name in errors, e.g. {@code "ioSendPci"}
     */
    public static Inline readInline(NdrReader r, String name) throws DecodeException {
        int protocol = r.u32(name + ".dwProtocol");
        ByteFields.Inline extra = ByteFields.readInline(r, name + ".cbExtraBytes", name + ".pbExtraBytes",
                MAX_EXTRA_BYTES, false);
        return new Inline(protocol, extra);
    }

    /** The inline half of a request read from the wire. */
    public static final class Inline {
        private final int protocol;
        private final ByteFields.Inline extra;

        private Inline(int protocol, ByteFields.Inline extra) {
            this.protocol = protocol;
            this.extra = extra;
        }

        public ScardIoRequest readDeferred(NdrReader r) throws DecodeException {
            return new ScardIoRequest(protocol, extra.readDeferred(r));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScardIoRequest q && protocol == q.protocol && Arrays.equals(extraBytes, q.extraBytes);
    }

    @Override
    public int hashCode() {
        return 31 * protocol + Arrays.hashCode(extraBytes);
    }

    @Override
    public String toString() {
        return "{dwProtocol=" + ByteFields.hex32(protocol) + " pbExtraBytes=" + ByteFields.hex(extraBytes) + "}";
    }
}
