package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.9 LocateCardsA_Call / 2.2.2.10 LocateCardsW_Call: card names (a multistring) and the reader
 * states to search.
 *
 * <pre>
 * inline:   cbContext | pbContext | cBytes | mszCards (unique) | cReaders | rgReaderStates (unique)
 * deferred: [context bytes] [MaxCount=cBytes, mszCards, pad 4]
 *           [MaxCount=cReaders, (szReader ptr, Common 48 B) x cReaders] [each szReader string]
 * </pre>
 *
 * Both arrays are unique pointers (pointer_default(unique)); a NULL pointer is kept ({@code mszCards} {@code null},
 * the {@link ByteFields} convention; {@code statesPointer} false) so that a decoded call re-encodes exactly.
 */
public record LocateCardsCall(RedirContext context, byte[] mszCards, List<ReaderStateCall> readerStates,
                              boolean statesPointer, boolean wide)
        implements EscCall {
    /** cBytes upper bound (MS-RDPESC sec. 6 IDL {@code [range(0,65536)]}). */
    public static final int MAX_CARDS_BYTES = 65_536;
    /** cReaders upper bound for LocateCards (MS-RDPESC sec. 6 IDL {@code [range(0,10)]}). */
    public static final int MAX_READER_STATES = 10;

    public LocateCardsCall {
        Objects.requireNonNull(context, "context");
        mszCards = ByteFields.checked("mszCards", mszCards, MAX_CARDS_BYTES);
        readerStates = List.copyOf(readerStates);
        if (mszCards != null) {
            EscNdr.checkMultistring("mszCards", mszCards, wide);
        }
        checkStates(readerStates, statesPointer, MAX_READER_STATES);
    }

    /** Card names and states, each array's pointer non-NULL exactly when it has elements. */
    public static LocateCardsCall of(RedirContext context, List<String> cards, List<ReaderStateCall> states,
                                     boolean wide) {
        byte[] msz = cards.isEmpty() ? null : Msz.encode(cards, wide);
        return new LocateCardsCall(context, msz, states, !states.isEmpty(), wide);
    }

    static void checkStates(List<ReaderStateCall> states, boolean pointer, int max) {
        if (!pointer && !states.isEmpty()) {
            throw new IllegalArgumentException(states.size() + " reader states but a NULL pointer");
        }
        if (states.size() > max) {
            throw new IllegalArgumentException(states.size() + " reader states (max " + max + ")");
        }
    }

    @Override
    public byte[] mszCards() {
        return ByteFields.copy(mszCards);
    }

    /** The card names searched for. */
    public List<String> cards() {
        return mszCards == null ? List.of() : EscNdr.names("mszCards", mszCards, wide);
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        ByteFields.writeInline(w, ByteFields.length(mszCards), mszCards);
        w.u32(readerStates.size()).pointer(statesPointer);
        context.encodeDeferred(w);
        ByteFields.writeDeferred(w, mszCards);
        if (statesPointer) {
            ReaderStateCall.encodeArray(w, readerStates, wide);
        }
    }

    public static LocateCardsCall decode(NdrReader r, boolean wide) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        ByteFields.Inline msz = ByteFields.readInline(r, "cBytes", "mszCards", MAX_CARDS_BYTES, false);
        int at = r.position();
        int cReaders = r.count("cReaders", MAX_READER_STATES);
        int statesPointer = r.pointer("rgReaderStates");
        EscNdr.checkPointer("rgReaderStates", cReaders, statesPointer, at);
        RedirContext context = ctx.readDeferred(r);
        byte[] cards = msz.readDeferred(r);
        if (cards != null) {
            Msz.decode("mszCards", cards, wide);
        }
        List<ReaderStateCall> states = statesPointer == NdrReader.NULL_POINTER ? List.of()
                : ReaderStateCall.decodeArray(r, cReaders, wide);
        LocateCardsCall out = new LocateCardsCall(context, cards, states, statesPointer != NdrReader.NULL_POINTER,
                wide);
        r.expectEnd(wide ? "LocateCardsW_Call" : "LocateCardsA_Call");
        return out;
    }

    @Override
    public String structureName() {
        return wide ? "LocateCardsW_Call" : "LocateCardsA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.10" : "MS-RDPESC 2.2.2.9";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocateCardsCall c && context.equals(c.context) && Arrays.equals(mszCards, c.mszCards)
                && readerStates.equals(c.readerStates)
                && statesPointer == c.statesPointer && wide == c.wide;
    }

    @Override
    public int hashCode() {
        return Objects.hash(context, Arrays.hashCode(mszCards), readerStates, statesPointer, wide);
    }

    @Override
    public String toString() {
        return structureName() + "[context=" + context + ", mszCards=" + (mszCards != null ? cards() : "NULL")
                + ", rgReaderStates=" + EscText.callStates(readerStates, statesPointer) + "]";
    }
}
