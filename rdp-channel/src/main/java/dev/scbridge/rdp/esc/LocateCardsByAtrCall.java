package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.23 LocateCardsByATRA_Call / 2.2.2.24 LocateCardsByATRW_Call: ATR masks and the reader states to
 * search.
 *
 * <pre>
 * inline:   cbContext | pbContext | cAtrs | rgAtrMasks (unique) | cReaders | rgReaderStates (unique)
 * deferred: [context bytes] [MaxCount=cAtrs, LocateCards_ATRMask 76 B x cAtrs]
 *           [MaxCount=cReaders, (szReader ptr, Common 48 B) x cReaders] [each szReader string]
 * </pre>
 */
public record LocateCardsByAtrCall(RedirContext context, List<AtrMask> atrMasks, boolean masksPointer,
                                   List<ReaderStateCall> readerStates, boolean statesPointer, boolean wide)
        implements EscCall {
    /** cAtrs upper bound (MS-RDPESC sec. 6 IDL {@code [range(0,1000)]}). */
    public static final int MAX_ATRS = 1000;

    public LocateCardsByAtrCall {
        Objects.requireNonNull(context, "context");
        atrMasks = List.copyOf(atrMasks);
        readerStates = List.copyOf(readerStates);
        if (!masksPointer && !atrMasks.isEmpty()) {
            throw new IllegalArgumentException(atrMasks.size() + " ATR masks but a NULL pointer");
        }
        if (atrMasks.size() > MAX_ATRS) {
            throw new IllegalArgumentException(atrMasks.size() + " ATR masks (max " + MAX_ATRS + ")");
        }
        LocateCardsCall.checkStates(readerStates, statesPointer, LocateCardsCall.MAX_READER_STATES);
    }

    /** Masks and states, each array's pointer non-NULL exactly when it has elements. */
    public static LocateCardsByAtrCall of(RedirContext context, List<AtrMask> masks, List<ReaderStateCall> states,
                                          boolean wide) {
        return new LocateCardsByAtrCall(context, masks, !masks.isEmpty(), states, !states.isEmpty(), wide);
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        w.u32(atrMasks.size()).pointer(masksPointer).u32(readerStates.size()).pointer(statesPointer);
        context.encodeDeferred(w);
        if (masksPointer) {
            AtrMask.encodeArray(w, atrMasks);
        }
        if (statesPointer) {
            ReaderStateCall.encodeArray(w, readerStates, wide);
        }
    }

    public static LocateCardsByAtrCall decode(NdrReader r, boolean wide) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int at = r.position();
        int cAtrs = r.count("cAtrs", MAX_ATRS);
        int masksPointer = r.pointer("rgAtrMasks");
        EscNdr.checkPointer("rgAtrMasks", cAtrs, masksPointer, at);
        at = r.position();
        int cReaders = r.count("cReaders", LocateCardsCall.MAX_READER_STATES);
        int statesPointer = r.pointer("rgReaderStates");
        EscNdr.checkPointer("rgReaderStates", cReaders, statesPointer, at);
        RedirContext context = ctx.readDeferred(r);
        List<AtrMask> masks = masksPointer == NdrReader.NULL_POINTER ? List.of() : AtrMask.decodeArray(r, cAtrs);
        List<ReaderStateCall> states = statesPointer == NdrReader.NULL_POINTER ? List.of()
                : ReaderStateCall.decodeArray(r, cReaders, wide);
        LocateCardsByAtrCall out = new LocateCardsByAtrCall(context, masks, masksPointer != NdrReader.NULL_POINTER,
                states, statesPointer != NdrReader.NULL_POINTER, wide);
        r.expectEnd(wide ? "LocateCardsByATRW_Call" : "LocateCardsByATRA_Call");
        return out;
    }

    @Override
    public String structureName() {
        return wide ? "LocateCardsByATRW_Call" : "LocateCardsByATRA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.24" : "MS-RDPESC 2.2.2.23";
    }

    @Override
    public String toString() {
        return structureName() + "[context=" + context + ", rgAtrMasks=" + (masksPointer ? atrMasks : "NULL")
                + ", rgReaderStates=" + EscText.callStates(readerStates, statesPointer) + "]";
    }
}
