package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.29 GetTransmitCount_Call: a REDIR_SCARDHANDLE alone (answered by
 * {@link GetTransmitCountReturn}).
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle}
 * deferred: context bytes | handle bytes
 * </pre>
 */
public record GetTransmitCountCall(RedirHandle hCard) implements EscCall {
    public GetTransmitCountCall {
        Objects.requireNonNull(hCard, "hCard");
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        hCard.encodeDeferred(w);
    }

    public static GetTransmitCountCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        GetTransmitCountCall out = new GetTransmitCountCall(handle.readDeferred(r));
        r.expectEnd("GetTransmitCount_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "GetTransmitCount_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.29";
    }

    @Override
    public String toString() {
        return "GetTransmitCount_Call{hCard=" + hCard + "}";
    }
}
