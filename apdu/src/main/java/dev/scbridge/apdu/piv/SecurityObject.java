package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Security Object (object 5FC106), SP 800-73-4 Part 1, section "Security Object" and Appendix A, table "Security
 * Object" (ContainerID 0x9000). The LDS security object itself (ICAO Doc 9303 Part 10, a CMS SignedData) is kept as opaque bytes.
 *
 * <pre>
 *  BA 0..30   mapping of data groups to ContainerIDs: 3-byte entries {DG number, ContainerID high, low}
 *  BB 0..1298 security object (CMS SignedData, DER)
 *  FE 00      error detection code
 * </pre>
 */
public record SecurityObject(List<Mapping> mappings, byte[] securityObject) implements PivDataObject {
    /** SP 800-73-4 Part 1 Appendix A, Security Object table "Max. Bytes" column. */
    public static final int MAX_MAPPING_LENGTH = 30;
    public static final int MAX_SECURITY_OBJECT_LENGTH = 1298;
    /** Each mapping entry is one DG number byte and a two-byte ContainerID (SP 800-73-4 Part 1, section "Security Object"). */
    public static final int MAPPING_ENTRY_LENGTH = 3;
    public static final int MAX_MAPPINGS = MAX_MAPPING_LENGTH / MAPPING_ENTRY_LENGTH;

    private static final String OBJECT = "Security Object";

    /** One entry of tag BA: data group {@code dataGroup} holds the hash of container {@code containerId}. */
    public record Mapping(int dataGroup, int containerId) {
        public Mapping {
            Args.range(dataGroup, "data group number", 0, 0xFF);
            Args.range(containerId, "ContainerID", 0, 0xFFFF);
        }
    }

    public SecurityObject {
        if (mappings == null || mappings.size() > MAX_MAPPINGS) {
            throw new IllegalArgumentException("mappings must be a list of 0.." + MAX_MAPPINGS + " entries");
        }
        for (Mapping m : mappings) {
            if (m == null) {
                throw new IllegalArgumentException("null mapping");
            }
        }
        mappings = List.copyOf(mappings);
        securityObject = Args.bytes(securityObject, "security object", 0, MAX_SECURITY_OBJECT_LENGTH);
    }

    /** Decodes the content of the {@code 53} wrapper. */
    public static SecurityObject decode(byte[] value) throws DecodeException {
        Elements e = Elements.parse(OBJECT, value, 0xBA, 0xBB, 0xFE);
        byte[] map = e.required(0xBA, "DG mapping", 0, MAX_MAPPING_LENGTH);
        if (map.length % MAPPING_ENTRY_LENGTH != 0) {
            throw e.error(0xBA, "DG mapping", map.length + " bytes is not a multiple of " + MAPPING_ENTRY_LENGTH);
        }
        byte[] so = e.required(0xBB, "security object", 0, MAX_SECURITY_OBJECT_LENGTH);
        e.emptyIfPresent(0xFE, "error detection code");
        List<Mapping> mappings = new ArrayList<>();
        for (int i = 0; i < map.length; i += MAPPING_ENTRY_LENGTH) {
            mappings.add(new Mapping(map[i] & 0xFF, (map[i + 1] & 0xFF) << 8 | (map[i + 2] & 0xFF)));
        }
        return new SecurityObject(mappings, so);
    }

    /** The content of the {@code 53} wrapper. */
    @Override
    public byte[] encode() {
        byte[] map = new byte[mappings.size() * MAPPING_ENTRY_LENGTH];
        for (int i = 0; i < mappings.size(); i++) {
            Mapping m = mappings.get(i);
            map[i * 3] = (byte) m.dataGroup();
            map[i * 3 + 1] = (byte) (m.containerId() >>> 8);
            map[i * 3 + 2] = (byte) m.containerId();
        }
        return new Elements.Writer()
                .add(0xBA, map)               // 2 + 0..30
                .add(0xBB, securityObject)    // 2..4 + 0..1298
                .empty(0xFE)                  // 2
                .toByteArray();
    }

    @Override
    public byte[] securityObject() {
        return securityObject.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityObject s && s.mappings.equals(mappings)
                && Arrays.equals(s.securityObject, securityObject);
    }

    @Override
    public int hashCode() {
        return mappings.hashCode() * 31 + Arrays.hashCode(securityObject);
    }

    @Override
    public String toString() {
        return "SecurityObject[" + mappings.size() + " mappings, " + securityObject.length + " bytes]";
    }
}
