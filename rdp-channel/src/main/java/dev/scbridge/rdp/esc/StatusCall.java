package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.18 Status_Call, the request of StatusA and StatusW (answered by {@link StatusReturn}; the
 * IOCTL says whether names come back 8-bit or UTF-16). fmszReaderNamesIsNULL TRUE asks for the length only;
 * cchReaderLen counts characters including NULs, 0xFFFFFFFF (SCARD_AUTOALLOCATE) allows any length. cbAtrLen is
 * unused by the spec ("MUST be ignored") but kept so the call re-encodes as sent. A BOOL is TRUE when non-zero.
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle} | fmszReaderNamesIsNULL | cchReaderLen | cbAtrLen
 * deferred: context bytes | handle bytes
 * </pre>
 */
public record StatusCall(RedirHandle hCard, boolean readerNamesIsNull, int readerLength, int atrLength)
        implements EscCall {
    public StatusCall {
        Objects.requireNonNull(hCard, "hCard");
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        w.u32(readerNamesIsNull ? 1 : 0).u32(readerLength).u32(atrLength);
        hCard.encodeDeferred(w);
    }

    public static StatusCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        boolean namesIsNull = r.u32("fmszReaderNamesIsNULL") != 0;
        int readerLength = r.u32("cchReaderLen");
        int atrLength = r.u32("cbAtrLen");
        StatusCall out = new StatusCall(handle.readDeferred(r), namesIsNull, readerLength, atrLength);
        r.expectEnd("Status_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "Status_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.18";
    }

    @Override
    public String toString() {
        return "Status_Call{hCard=" + hCard + " fmszReaderNamesIsNULL=" + readerNamesIsNull + " cchReaderLen="
                + ByteFields.hex32(readerLength) + " cbAtrLen=" + ByteFields.hex32(atrLength) + "}";
    }
}
