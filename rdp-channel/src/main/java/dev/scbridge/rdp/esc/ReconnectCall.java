package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.15 Reconnect_Call: reopen the connection behind hCard (answered by {@link ReconnectReturn}).
 * dwInitialization is LEAVE 0, RESET 1 or UNPOWER 2 (no EJECT here); values are kept as sent.
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle} | dwShareMode | dwPreferredProtocols | dwInitialization
 * deferred: context bytes | handle bytes
 * </pre>
 */
public record ReconnectCall(RedirHandle hCard, int shareMode, int preferredProtocols, int initialization)
        implements EscCall {
    public ReconnectCall {
        Objects.requireNonNull(hCard, "hCard");
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        w.u32(shareMode).u32(preferredProtocols).u32(initialization);
        hCard.encodeDeferred(w);
    }

    public static ReconnectCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        int shareMode = r.u32("dwShareMode");
        int protocols = r.u32("dwPreferredProtocols");
        int initialization = r.u32("dwInitialization");
        ReconnectCall out = new ReconnectCall(handle.readDeferred(r), shareMode, protocols, initialization);
        r.expectEnd("Reconnect_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "Reconnect_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.15";
    }

    @Override
    public String toString() {
        return "Reconnect_Call{hCard=" + hCard + " dwShareMode=" + shareMode + " dwPreferredProtocols="
                + ByteFields.hex32(preferredProtocols) + " dwInitialization=" + initialization + "}";
    }
}
