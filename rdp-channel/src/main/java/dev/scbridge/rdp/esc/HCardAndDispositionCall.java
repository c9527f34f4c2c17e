package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.16 HCardAndDisposition_Call, the request of Disconnect, BeginTransaction and EndTransaction
 * (answered by {@link LongReturn}). dwDisposition is LEAVE 0, RESET 1, UNPOWER 2 or EJECT 3; BeginTransaction
 * ignores it. Other values are kept, not rejected: the card side decides what to do with them.
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle} | dwDisposition
 * deferred: context bytes | handle bytes
 * </pre>
 */
public record HCardAndDispositionCall(RedirHandle hCard, int disposition) implements EscCall {
    public HCardAndDispositionCall {
        Objects.requireNonNull(hCard, "hCard");
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        w.u32(disposition);
        hCard.encodeDeferred(w);
    }

    public static HCardAndDispositionCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        int disposition = r.u32("dwDisposition");
        HCardAndDispositionCall out = new HCardAndDispositionCall(handle.readDeferred(r), disposition);
        r.expectEnd("HCardAndDisposition_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "HCardAndDisposition_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.16";
    }

    @Override
    public String toString() {
        return "HCardAndDisposition_Call{hCard=" + hCard + " dwDisposition=" + disposition + "}";
    }
}
