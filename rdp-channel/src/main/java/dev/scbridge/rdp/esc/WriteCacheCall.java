package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.27 WriteCacheA_Call / 2.2.2.28 WriteCacheW_Call: the lookup name, then WriteCache_Common
 * (2.2.1.10: Context, CardIdentifier, FreshnessCounter, cbDataLen, pbData).
 *
 * <pre>
 * inline:   szLookupName (unique) | cbContext | pbContext | CardIdentifier (unique) | FreshnessCounter
 *           | cbDataLen | pbData (unique)
 * deferred: [szLookupName string] [context bytes] [UUID 16 B] [MaxCount=cbDataLen, pbData, pad 4]
 * </pre>
 *
 * WriteCacheW "Cached_CardProperty_Read Only Mode_0" with 20 bytes of data: 184-byte input (logon trace step 065).
 * NULL lookup names and identifiers are rejected, as in {@link ReadCacheCall}; {@code data} follows the
 * {@link ByteFields} convention ({@code null} for a NULL pbData, which a call may send only with cbDataLen 0).
 */
public record WriteCacheCall(String lookupName, RedirContext context, byte[] cardIdentifier, int freshnessCounter,
                             byte[] data, boolean wide) implements EscCall {
    /** cbDataLen upper bound (MS-RDPESC sec. 6 IDL {@code [range(0,65536)]}). */
    public static final int MAX_DATA = 65_536;

    public WriteCacheCall {
        Objects.requireNonNull(lookupName, "lookupName");
        Objects.requireNonNull(context, "context");
        cardIdentifier = ReadCacheCall.checkUuid(cardIdentifier);
        data = ByteFields.checked("pbData", data, MAX_DATA);
        EscNdr.checkText("szLookupName", lookupName, wide, ReadCacheCall.MAX_LOOKUP_NAME);
    }

    /** The call with its data behind a non-NULL pointer. */
    public static WriteCacheCall of(String lookupName, RedirContext context, byte[] cardIdentifier,
                                    int freshnessCounter, byte[] data, boolean wide) {
        return new WriteCacheCall(lookupName, context, cardIdentifier, freshnessCounter, data, wide);
    }

    @Override
    public byte[] cardIdentifier() {
        return cardIdentifier.clone();
    }

    @Override
    public byte[] data() {
        return ByteFields.copy(data);
    }

    @Override
    public void encode(NdrWriter w) {
        w.pointer(true);
        context.encodeInline(w);
        w.pointer(true).u32(freshnessCounter);
        ByteFields.writeInline(w, ByteFields.length(data), data);
        w.string(lookupName, wide);
        context.encodeDeferred(w);
        w.align(4).fixed(cardIdentifier);
        ByteFields.writeDeferred(w, data);
    }

    public static WriteCacheCall decode(NdrReader r, boolean wide) throws DecodeException {
        int at = r.position();
        EscNdr.requirePointer("szLookupName", r.pointer("szLookupName"), at);
        RedirContext.Inline ctx = RedirContext.readInline(r);
        at = r.position();
        EscNdr.requirePointer("CardIdentifier", r.pointer("CardIdentifier"), at);
        int freshness = r.u32("FreshnessCounter");
        ByteFields.Inline pbData = ByteFields.readInline(r, "cbDataLen", "pbData", MAX_DATA, false);
        String name = r.string("szLookupName", wide, ReadCacheCall.MAX_LOOKUP_NAME);
        RedirContext context = ctx.readDeferred(r);
        byte[] uuid = ReadCacheCall.readUuid(r);
        WriteCacheCall out = new WriteCacheCall(name, context, uuid, freshness, pbData.readDeferred(r), wide);
        r.expectEnd(wide ? "WriteCacheW_Call" : "WriteCacheA_Call");
        return out;
    }

    @Override
    public String structureName() {
        return wide ? "WriteCacheW_Call" : "WriteCacheA_Call";
    }

    @Override
    public String specSection() {
        return wide ? "MS-RDPESC 2.2.2.28" : "MS-RDPESC 2.2.2.27";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteCacheCall c && lookupName.equals(c.lookupName) && context.equals(c.context)
                && Arrays.equals(cardIdentifier, c.cardIdentifier) && freshnessCounter == c.freshnessCounter
                && Arrays.equals(data, c.data) && wide == c.wide;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lookupName, context, Arrays.hashCode(cardIdentifier), freshnessCounter,
                Arrays.hashCode(data), wide);
    }

    @Override
    public String toString() {
        return structureName() + "[szLookupName=" + EscText.quote(lookupName) + ", context=" + context
                + ", CardIdentifier=" + EscText.hex(cardIdentifier) + ", FreshnessCounter="
                + Integer.toUnsignedString(freshnessCounter) + ", cbDataLen=" + ByteFields.length(data) + ", pbData="
                + ByteFields.hex(data) + "]";
    }
}
