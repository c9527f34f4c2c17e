package dev.scbridge.rdp.efs;

/**
 * One CAPABILITY_SET (MS-RDPEFS 2.2.1.2): CAPABILITY_HEADER {CapabilityType u16, CapabilityLength u16 (header
 * included), Version u32} followed by a type-specific body.
 */
public sealed interface CapabilitySet permits GeneralCapabilitySet, HeaderOnlyCapabilitySet, RawCapabilitySet {
    /** CAPABILITY_HEADER size. */
    int HEADER_SIZE = 8;

    /** CapabilityType as on the wire (see {@link CapabilityType}). */
    int capabilityType();

    int version();

    /** CapabilityLength: the encoded size including the 8-byte header. */
    int length();

    /** The whole set, header included. */
    byte[] encode();
}
