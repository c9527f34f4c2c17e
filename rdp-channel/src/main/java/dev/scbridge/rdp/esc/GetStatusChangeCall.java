package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.11 GetStatusChangeA_Call / 2.2.2.12 GetStatusChangeW_Call: wait up to dwTimeOut ms
 * (0xFFFFFFFF INFINITE) for a reader state to differ from dwCurrentState.
 *
 * <pre>
 * inline:   cbContext | pbContext | dwTimeOut | cReaders | rgReaderStates (unique)
 * deferred: [context bytes] [MaxCount=cReaders, (szReader ptr, Common 48 B) x cReaders] [each szReader string]
 * </pre>
 *
 * Windows sends {@code "\\?PnP?\Notification"} and {@code "Teleport"} with INFINITE (240-byte input) and polls one
 * reader with timeout 0 (136 bytes): logon trace steps 022, 029.
 */
public record GetStatusChangeCall(RedirContext context, int timeout, List<ReaderStateCall> readerStates,
                                  boolean statesPointer, boolean wide) implements EscCall {
    /** cReaders upper bound for GetStatusChange (MS-RDPESC sec. 6 IDL {@code [range(0,11)]}). */
    public static final int MAX_READER_STATES = Scard.MAX_READER_STATES;
    /** dwTimeOut meaning "wait until something changes or the call is cancelled". */
    public static final int INFINITE = 0xFFFF_FFFF;

    public GetStatusChangeCall {
        Objects.requireNonNull(context, "context");
        readerStates = List.copyOf(readerStates);
        LocateCardsCall.checkStates(readerStates, statesPointer, MAX_READER_STATES);
    }

    /** The call with its states, the array pointer non-NULL when there are any (as Windows sends it). */
    public static GetStatusChangeCall of(RedirContext context, int timeout, List<ReaderStateCall> states,
                                         boolean wide) {
        return new GetStatusChangeCall(context, timeout, states, !states.isEmpty(), wide);
    }

    @Override
    public void encode(NdrWriter w) {
        context.encodeInline(w);
        w.u32(timeout).u32(readerStates.size()).pointer(statesPointer);
        context.encodeDeferred(w);
        if (statesPointer) {
            ReaderStateCall.encodeArray(w, readerStates, wide);
        }
    }

    public static GetStatusChangeCall decode(NdrReader r, boolean wide) throws DecodeException {
        RedirContext.Inline ctx = RedirContext.readInline(r);
        int timeout = r.u32("dwTimeOut");
        int at = r.position();
        int cReaders = r.count("cReaders", MAX_READER_STATES);
        int pointer = r.pointer("rgReaderStates");
        EscNdr.checkPointer("rgReaderStates", cReaders, pointer, at);
        RedirContext context = ctx.readDeferred(r);
        List<ReaderStateCall> states = pointer == NdrReader.NULL_POINTER ? List.of()
                : ReaderStateCall.decodeArray(r, cReaders, wide);
        GetStatusChangeCall out = new GetStatusChangeCall(context, timeout, states,
                pointer != NdrReader.NULL_POINTER, wide);
        r.expectEnd(wide ? "GetStatusChangeW_Call" : "GetStatusChangeA_Call");
        return out;
    }

    @Override
    public String structureName() {
        return wide ? "GetStatusChangeW_Call" : "GetStatusChangeA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.12" : "MS-RDPESC 2.2.2.11";
    }

    @Override
    public String toString() {
        return structureName() + "[context=" + context + ", dwTimeOut="
                + (timeout == INFINITE ? "INFINITE" : Integer.toUnsignedString(timeout))
                + ", rgReaderStates=" + EscText.callStates(readerStates, statesPointer) + "]";
    }
}
