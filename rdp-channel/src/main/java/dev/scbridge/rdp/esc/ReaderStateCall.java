package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.1.6 ReaderStateA / 2.2.1.7 ReaderStateW: a reader name (unique pointer to a conformant varying
 * string) and {@link ReaderStateCommon}. In an array the elements' fixed parts come first, then every element's
 * name in order (facts/rdp.md sec. 2; MS-RDPESC 4.x LocateCardsW).
 */
public record ReaderStateCall(String reader, ReaderStateCommon common) {
    /** Longest reader name we accept, in characters with the NUL (pcsc-lite MAX_READERNAME is 128). */
    public static final int MAX_READER_NAME = 256;

    public ReaderStateCall {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(common, "common");
    }

    /** Writes [MaxCount][every element's pointer + common][every name]. */
    public static void encodeArray(NdrWriter w, List<ReaderStateCall> states, boolean wide) {
        w.arrayCount(states.size());
        for (ReaderStateCall s : states) {
            w.pointer(true);
            s.common.encode(w);
        }
        for (ReaderStateCall s : states) {
            w.string(s.reader, wide);
        }
    }

    /** Reads the deferred array whose count the fixed part gave. */
    public static List<ReaderStateCall> decodeArray(NdrReader r, int count, boolean wide) throws DecodeException {
        r.arrayCount("rgReaderStates", count);
        int[] pointers = new int[count];
        ReaderStateCommon[] commons = new ReaderStateCommon[count];
        for (int i = 0; i < count; i++) {
            pointers[i] = r.pointer("rgReaderStates[" + i + "].szReader");
            commons[i] = ReaderStateCommon.decode(r);
        }
        List<ReaderStateCall> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = pointers[i] == NdrReader.NULL_POINTER ? ""
                    : r.string("rgReaderStates[" + i + "].szReader", wide, MAX_READER_NAME);
            out.add(new ReaderStateCall(name, commons[i]));
        }
        return out;
    }

    @Override
    public String toString() {
        return "\"" + reader + "\" " + common;
    }
}
