package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The body shared by Server Core Capability Request and Client Core Capability Response
 * (MS-RDPEFS 2.2.2.7, 2.2.2.8): numCapabilities u16, Padding u16, CAPABILITY_SET[numCapabilities].
 */
final class CapabilitySets {
    /**
     * Upper bound for numCapabilities. MS-RDPEFS defines five capability types and a peer sends each at most
     * once; 32 leaves room for future types while bounding the work a hostile count can cause.
     */
    static final int MAX_CAPABILITY_SETS = 32;

    private CapabilitySets() {
    }

    static List<CapabilitySet> decode(ByteReader r, int count, int countAt) throws DecodeException {
        if (count > MAX_CAPABILITY_SETS) {
            throw new DecodeException("numCapabilities", count + " exceeds the maximum " + MAX_CAPABILITY_SETS, countAt);
        }
        List<CapabilitySet> sets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sets.add(decodeOne(r));
        }
        return List.copyOf(sets);
    }

    private static CapabilitySet decodeOne(ByteReader r) throws DecodeException {
        int start = r.position();
        int type = r.u16("CapabilityType");
        int length = r.u16("CapabilityLength");
        int version = r.u32("Version");
        if (length < CapabilitySet.HEADER_SIZE) {
            throw new DecodeException("CapabilityLength", "length " + length + " is below the 8-byte header", start + 2);
        }
        if (length - CapabilitySet.HEADER_SIZE > r.remaining()) {
            throw new DecodeException("CapabilityLength",
                    "length " + length + " runs past the PDU (" + (r.remaining() + 8) + " bytes left)", start + 2);
        }
        CapabilityType known = CapabilityType.fromCode(type).orElse(null);
        if (known == CapabilityType.CAP_GENERAL_TYPE) {
            return general(r, version, length, start);
        }
        if (known != null && length == CapabilitySet.HEADER_SIZE) {
            return new HeaderOnlyCapabilitySet(known, version);
        }
        return new RawCapabilitySet(type, version, r.bytes(length - CapabilitySet.HEADER_SIZE, "CapabilitySet"));
    }

    private static GeneralCapabilitySet general(ByteReader r, int version, int length, int start)
            throws DecodeException {
        if (length != GeneralCapabilitySet.LENGTH_V1 && length != GeneralCapabilitySet.LENGTH_V2) {
            throw new DecodeException("CapabilityLength", "GENERAL capability set length " + length
                    + " (expected: 40 or 44)", start + 2);
        }
        return new GeneralCapabilitySet(version, r.u32("osType"), r.u32("osVersion"), r.u16("protocolMajorVersion"),
                r.u16("protocolMinorVersion"), r.u32("ioCode1"), r.u32("ioCode2"), r.u32("extendedPDU"),
                r.u32("extraFlags1"), r.u32("extraFlags2"),
                length == GeneralCapabilitySet.LENGTH_V2 ? OptionalInt.of(r.u32("SpecialTypeDeviceCap"))
                        : OptionalInt.empty());
    }

    static List<CapabilitySet> check(List<CapabilitySet> sets, int padding) {
        Checks.u16("padding", padding);
        List<CapabilitySet> copy = List.copyOf(sets);
        if (copy.size() > MAX_CAPABILITY_SETS) {
            throw new IllegalArgumentException(copy.size() + " capability sets (maximum: " + MAX_CAPABILITY_SETS + ")");
        }
        return copy;
    }

    /** numCapabilities 2 + Padding 2 + each set. */
    static int bodySize(List<CapabilitySet> sets) {
        return 4 + sets.stream().mapToInt(CapabilitySet::length).sum();
    }

    static byte[] encode(PacketId id, int padding, List<CapabilitySet> sets) {
        ByteWriter w = new ByteWriter(RdpdrPdu.HEADER_SIZE + bodySize(sets)).header(id).u16(sets.size()).u16(padding);
        for (CapabilitySet s : sets) {
            w.bytes(s.encode());
        }
        return w.finish();
    }
}
