package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import java.util.Arrays;

/**
 * Discovery Object (object 7E), SP 800-73-4 Part 1, section "Discovery Object" and Appendix A, table "Discovery Object" (ContainerID
 * 0x6050). Unlike the other objects it is not wrapped in {@code 53}: it is its own interindustry template.
 *
 * <pre>
 *  7E 12
 *     4F 0B A0 00 00 03 08 00 00 10 00 01 00    PIV Card Application AID
 *     5F 2F 02 xx yy                            PIN Usage Policy
 * </pre>
 *
 * xx: 40 PIV PIN satisfies the ACRs, 20 Global PIN does, 10 OCC does, 08 VCI implemented, 04 VCI without pairing
 * code; yy: 10 PIV PIN is primary, 20 Global PIN is primary (00 when there is no Global PIN). Unknown bits are kept.
 *
 * @param pinUsagePolicy the two policy bytes as {@code xx << 8 | yy}
 */
public record DiscoveryObject(byte[] aid, int pinUsagePolicy) implements PivDataObject {
    public static final int TAG = 0x7E;
    /** ISO/IEC 7816-4 8.2.1.2: an AID is a 5-byte RID followed by up to 11 PIX bytes. */
    public static final int MIN_AID_LENGTH = 5;
    public static final int MAX_AID_LENGTH = 16;
    public static final int POLICY_APPLICATION_PIN = 0x4000;
    public static final int POLICY_GLOBAL_PIN = 0x2000;
    public static final int POLICY_OCC = 0x1000;
    public static final int POLICY_VCI = 0x0800;
    public static final int POLICY_VCI_WITHOUT_PAIRING_CODE = 0x0400;
    public static final int PRIMARY_APPLICATION_PIN = 0x10;
    public static final int PRIMARY_GLOBAL_PIN = 0x20;

    private static final String OBJECT = "Discovery Object";
    private static final int TAG_AID = 0x4F;
    private static final int TAG_PIN_USAGE_POLICY = 0x5F2F;
    private static final int POLICY_LENGTH = 2;

    public DiscoveryObject {
        aid = Args.bytes(aid, "AID", MIN_AID_LENGTH, MAX_AID_LENGTH);
        Args.range(pinUsagePolicy, "PIN usage policy", 0, 0xFFFF);
    }

    /** What a YubiKey returns: the full PIV AID and policy {@code 40 00} (PIV PIN only). */
    public static DiscoveryObject yubikeyDefault() {
        return new DiscoveryObject(Pivs.AID, POLICY_APPLICATION_PIN);
    }

    /** Decodes the whole {@code 7E} template. */
    public static DiscoveryObject decode(byte[] tlv) throws DecodeException {
        Tlv outer;
        try {
            outer = Tlv.parseSingle(tlv);
        } catch (DecodeException e) {
            throw new DecodeException(OBJECT + " " + e.field(), e.reason(), e.offset());
        }
        if (outer.tag() != TAG) {
            throw new DecodeException(OBJECT, "tag " + Elements.hex(outer.tag()) + " (expected: 7E)", 0);
        }
        Elements e = Elements.parse(OBJECT, outer.value(), TAG_AID, TAG_PIN_USAGE_POLICY);
        byte[] aid = e.required(TAG_AID, "AID", MIN_AID_LENGTH, MAX_AID_LENGTH);
        byte[] policy = e.required(TAG_PIN_USAGE_POLICY, "PIN usage policy", POLICY_LENGTH, POLICY_LENGTH);
        return new DiscoveryObject(aid, ((policy[0] & 0xFF) << 8) | (policy[1] & 0xFF));
    }

    /** The whole {@code 7E} template. */
    @Override
    public byte[] encode() {
        byte[] inner = new Elements.Writer()
                .add(TAG_AID, aid)                                                            // 2 + 5..16
                .add(TAG_PIN_USAGE_POLICY, new byte[] {(byte) (pinUsagePolicy >>> 8), (byte) pinUsagePolicy}) // 5
                .toByteArray();
        return new Tlv(TAG, inner).encode();
    }

    @Override
    public byte[] aid() {
        return aid.clone();
    }

    public boolean applicationPinSatisfiesAcrs() {
        return (pinUsagePolicy & POLICY_APPLICATION_PIN) != 0;
    }

    public boolean globalPinSatisfiesAcrs() {
        return (pinUsagePolicy & POLICY_GLOBAL_PIN) != 0;
    }

    public boolean occSatisfiesAcrs() {
        return (pinUsagePolicy & POLICY_OCC) != 0;
    }

    public boolean vciImplemented() {
        return (pinUsagePolicy & POLICY_VCI) != 0;
    }

    /** Second policy byte is 20: the cardholder prefers the Global PIN (OpenSC then uses it). */
    public boolean globalPinIsPrimary() {
        return (pinUsagePolicy & 0xFF) == PRIMARY_GLOBAL_PIN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoveryObject d && d.pinUsagePolicy == pinUsagePolicy && Arrays.equals(d.aid, aid);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(aid) * 31 + pinUsagePolicy;
    }

    @Override
    public String toString() {
        return String.format("DiscoveryObject[aid=%s, pinUsagePolicy=%04X]", Hex.plain(aid), pinUsagePolicy);
    }
}
