package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MS-RDPESC 2.2.3.5 LocateCards_Return and GetStatusChange_Return (one IDL type): the reader states after a
 * LocateCards, LocateCardsByATR or GetStatusChange call, in the order the call listed them.
 *
 * <pre>
 * inline:   ReturnCode | cReaders | rgReaderStates (unique)
 * deferred: [MaxCount=cReaders, ReaderState_Return 48 B x cReaders]
 * </pre>
 *
 * Windows accepted {@code cReaders=2, ref 0x00020000, MaxCount 2, 2 x 48 B} (logon trace step 023, 128 bytes).
 */
public record ReaderStatesReturn(int returnCode, List<ReaderStateCommon> readerStates, boolean statesPointer)
        implements EscReturn {
    /**
     * cReaders upper bound. The IDL declares {@code [range(0,10)]}, but the answer to a GetStatusChange_Call with
     * its allowed 11 states carries 11 (facts/rdp.md sec. 3), so 11 is accepted both ways.
     */
    public static final int MAX_READER_STATES = Scard.MAX_READER_STATES;

    public ReaderStatesReturn {
        readerStates = List.copyOf(readerStates);
        if (!statesPointer && !readerStates.isEmpty()) {
            throw new IllegalArgumentException(readerStates.size() + " reader states but a NULL pointer");
        }
        if (readerStates.size() > MAX_READER_STATES) {
            throw new IllegalArgumentException(readerStates.size() + " reader states (max " + MAX_READER_STATES
                    + ")");
        }
    }

    /** SCARD_S_SUCCESS with the states (the array pointer non-NULL, as in the recorded logon). */
    public static ReaderStatesReturn success(List<ReaderStateCommon> states) {
        return new ReaderStatesReturn(0, states, true);
    }

    /**
     * An error with no states: cReaders 0 and a non-NULL pointer to MaxCount 0, the empty-array form Windows accepted
     * elsewhere in the logon (ReadCache_Return). {@code new ReaderStatesReturn(code, List.of(), false)} is the NULL
     * form; a SCARD_E_TIMEOUT answer may also carry the states (FreeRDP does).
     */
    public static ReaderStatesReturn failure(int returnCode) {
        return new ReaderStatesReturn(returnCode, List.of(), true);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode).u32(readerStates.size()).pointer(statesPointer);
        if (statesPointer) {
            w.arrayCount(readerStates.size());
            readerStates.forEach(s -> s.encode(w));
        }
    }

    public static ReaderStatesReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        int at = r.position();
        int cReaders = r.count("cReaders", MAX_READER_STATES);
        int pointer = r.pointer("rgReaderStates");
        EscNdr.checkPointer("rgReaderStates", cReaders, pointer, at);
        List<ReaderStateCommon> states = new ArrayList<>(cReaders);
        if (pointer != NdrReader.NULL_POINTER) {
            r.arrayCount("rgReaderStates", cReaders);
            for (int i = 0; i < cReaders; i++) {
                states.add(ReaderStateCommon.decode(r));
            }
        }
        ReaderStatesReturn out = new ReaderStatesReturn(rc, states, pointer != NdrReader.NULL_POINTER);
        r.expectEnd("GetStatusChange_Return");
        return out;
    }

    /** The spec names both structures for this one type. */
    @Override
    public String structureName() {
        return "LocateCards_Return/GetStatusChange_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.5";
    }

    @Override
    public String toString() {
        String states = !statesPointer ? "NULL" : readerStates.stream().map(EscText::readerState)
                .collect(Collectors.joining(", ", "[", "]"));
        return "GetStatusChange_Return[ReturnCode=" + ByteFields.returnCode(returnCode) + ", cReaders="
                + readerStates.size() + ", rgReaderStates=" + states + "]";
    }
}
