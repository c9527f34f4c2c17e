package dev.scbridge.rdp.efs;

import java.util.Arrays;

/**
 * A capability set this codec does not interpret (MS-RDPEFS 2.2.1.2): an unknown CapabilityType, or a known
 * header-only type whose CapabilityLength is not 8. Kept so the PDU re-encodes byte for byte.
 */
public record RawCapabilitySet(int capabilityType, int version, byte[] body) implements CapabilitySet {
    public RawCapabilitySet {
        Checks.u16("capabilityType", capabilityType);
        body = Checks.atMost("body", body, 0xFFFF - HEADER_SIZE);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public int length() {
        return HEADER_SIZE + body.length;
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(length()).u16(capabilityType).u16(length()).u32(version).bytes(body).finish();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawCapabilitySet r && r.capabilityType == capabilityType && r.version == version
                && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * capabilityType + version) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "RawCapabilitySet[type=" + capabilityType + ", version=" + version + ", " + body.length + " bytes]";
    }
}
