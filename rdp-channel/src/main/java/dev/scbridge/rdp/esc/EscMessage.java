package dev.scbridge.rdp.esc;

import dev.scbridge.rdp.ndr.NdrWriter;

/** One MS-RDPESC structure: it writes its NDR object and names itself and its spec section. */
public interface EscMessage {
    /** Writes the object (no type serialization headers). */
    void encode(NdrWriter w);

    /** The MS-RDPESC structure name, e.g. {@code "ListReaders_Call"}. */
    String structureName();

    /** Where the structure is defined, e.g. {@code "MS-RDPESC 2.2.2.4"}. */
    String specSection();

    /** Encoded size on the wire: the MS-RPCE headers, the object and its padding to 8 bytes. */
    default int size() {
        return toBytes().length;
    }

    /** The structure as it goes on the wire: MS-RPCE 2.2.6 headers, the object, padding to 8. */
    default byte[] toBytes() {
        NdrWriter w = new NdrWriter();
        encode(w);
        return w.typeSerialized();
    }
}
