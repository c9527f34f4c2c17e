package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.25 ReadCacheA_Call / 2.2.2.26 ReadCacheW_Call: the lookup name, then ReadCache_Common (2.2.1.9:
 * Context, CardIdentifier, FreshnessCounter, fPbDataIsNULL, cbDataLen).
 *
 * <pre>
 * inline:   szLookupName (unique) | cbContext | pbContext | CardIdentifier (unique) | FreshnessCounter
 *           | fPbDataIsNULL | cbDataLen
 * deferred: [szLookupName string] [context bytes] [UUID 16 B, no count]
 * </pre>
 *
 * ReadCacheW "Cached_CardmodFile\Cached_Pin_Freshness", 4-byte context: 160-byte input (logon trace step 053).
 * The CardIdentifier is kept as the 16 bytes on the wire (the GUID's first three fields little-endian). NULL lookup
 * names and identifiers are rejected: the cache is keyed by both (MS-RDPESC 3.1.4.42).
 */
public record ReadCacheCall(String lookupName, RedirContext context, byte[] cardIdentifier, int freshnessCounter,
                            int fPbDataIsNull, int cbDataLen, boolean wide) implements EscCall {
    /**
     * Longest lookup name accepted, in characters with the NUL. Minidriver cache names are a fixed prefix plus a
     * file or property name ("Cached_CardProperty_Supports Windows x.509 Enrollment_0" is the longest in the
     * logon trace, 55 characters); 512 leaves room and caps what a hostile MaxCount can make us read.
     */
    public static final int MAX_LOOKUP_NAME = 512;
    /** A UUID on the wire (MS-DTYP 2.3.4.2). */
    public static final int UUID_LENGTH = 16;

    public ReadCacheCall {
        Objects.requireNonNull(lookupName, "lookupName");
        Objects.requireNonNull(context, "context");
        cardIdentifier = checkUuid(cardIdentifier);
        EscNdr.checkText("szLookupName", lookupName, wide, MAX_LOOKUP_NAME);
    }

    static byte[] checkUuid(byte[] uuid) {
        byte[] copy = uuid.clone();
        if (copy.length != UUID_LENGTH) {
            throw new IllegalArgumentException("CardIdentifier must be " + UUID_LENGTH + " bytes, not " + copy.length);
        }
        return copy;
    }

    /** The call as Windows sends it: data wanted (fPbDataIsNULL FALSE), any length (SCARD_AUTOALLOCATE). */
    public static ReadCacheCall of(String lookupName, RedirContext context, byte[] cardIdentifier,
                                   int freshnessCounter, boolean wide) {
        return new ReadCacheCall(lookupName, context, cardIdentifier, freshnessCounter, 0,
                ListReadersCall.SCARD_AUTOALLOCATE, wide);
    }

    @Override
    public byte[] cardIdentifier() {
        return cardIdentifier.clone();
    }

    /** True when the server asks only for the length of the cached value. */
    public boolean lengthOnly() {
        return fPbDataIsNull != 0;
    }

    @Override
    public void encode(NdrWriter w) {
        w.pointer(true);
        context.encodeInline(w);
        w.pointer(true).u32(freshnessCounter).u32(fPbDataIsNull).u32(cbDataLen);
        w.string(lookupName, wide);
        context.encodeDeferred(w);
        w.align(4).fixed(cardIdentifier);
    }

    public static ReadCacheCall decode(NdrReader r, boolean wide) throws DecodeException {
        int at = r.position();
        EscNdr.requirePointer("szLookupName", r.pointer("szLookupName"), at);
        RedirContext.Inline ctx = RedirContext.readInline(r);
        at = r.position();
        EscNdr.requirePointer("CardIdentifier", r.pointer("CardIdentifier"), at);
        int freshness = r.u32("FreshnessCounter");
        int isNull = r.u32("fPbDataIsNULL");
        int cb = r.u32("cbDataLen");
        String name = r.string("szLookupName", wide, MAX_LOOKUP_NAME);
        RedirContext context = ctx.readDeferred(r);
        byte[] uuid = readUuid(r);
        ReadCacheCall out = new ReadCacheCall(name, context, uuid, freshness, isNull, cb, wide);
        r.expectEnd(wide ? "ReadCacheW_Call" : "ReadCacheA_Call");
        return out;
    }

    /** The UUID pointee: a structure led by a u32, so aligned to 4 (C706 14.2.5), then 16 bytes. */
    static byte[] readUuid(NdrReader r) throws DecodeException {
        r.align(4);
        return r.fixed("CardIdentifier", UUID_LENGTH);
    }

    @Override
    public String structureName() {
        return wide ? "ReadCacheW_Call" : "ReadCacheA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.26" : "MS-RDPESC 2.2.2.25";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadCacheCall c && lookupName.equals(c.lookupName) && context.equals(c.context)
                && Arrays.equals(cardIdentifier, c.cardIdentifier) && freshnessCounter == c.freshnessCounter
                && fPbDataIsNull == c.fPbDataIsNull && cbDataLen == c.cbDataLen && wide == c.wide;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lookupName, context, Arrays.hashCode(cardIdentifier), freshnessCounter, fPbDataIsNull,
                cbDataLen, wide);
    }

    @Override
    public String toString() {
        return structureName() + "[szLookupName=" + EscText.quote(lookupName) + ", context=" + context
                + ", CardIdentifier=" + EscText.hex(cardIdentifier) + ", FreshnessCounter="
                + Integer.toUnsignedString(freshnessCounter) + ", fPbDataIsNULL=" + fPbDataIsNull + ", cbDataLen="
                + EscText.length(cbDataLen) + "]";
    }
}
