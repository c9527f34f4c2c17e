package dev.scbridge.apdu.piv;

import static dev.scbridge.apdu.piv.Codec.assertRejects;
import static dev.scbridge.apdu.piv.Codec.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import org.junit.jupiter.api.Test;

class DiscoveryObjectTest {
    /** SP 800-73-4 Part 1 Discovery Object encoding with policy 40 00, what a YubiKey returns (facts piv.md 7). */
    private static final String YUBIKEY = "7E 12 4F 0B A0 00 00 03 08 00 00 10 00 01 00 5F 2F 02 40 00";

    @Test
    void yubikeyDefault_bytes() throws DecodeException {
        DiscoveryObject d = DiscoveryObject.yubikeyDefault();
        assertRoundTrip(YUBIKEY, DiscoveryObject::decode, d);
        assertThat(d.applicationPinSatisfiesAcrs()).isTrue();
        assertThat(d.globalPinSatisfiesAcrs()).isFalse();
        assertThat(d.globalPinIsPrimary()).isFalse();
    }

    @Test
    void globalPinPolicy_flags() throws DecodeException {
        // 60 20: PIV PIN and Global PIN satisfy the ACRs, Global PIN primary (OpenSC then uses it)
        DiscoveryObject d = DiscoveryObject.decode(Hex.decode(YUBIKEY.replace("40 00", "60 20")));
        assertThat(d.globalPinSatisfiesAcrs()).isTrue();
        assertThat(d.globalPinIsPrimary()).isTrue();
        assertThat(d.occSatisfiesAcrs()).isFalse();
        assertThat(d.vciImplemented()).isFalse();
        assertThat(d.pinUsagePolicy()).isEqualTo(0x6020);
    }

    @Test
    void unknownPolicyBits_kept() throws DecodeException {
        byte[] bytes = Hex.decode(YUBIKEY.replace("40 00", "C3 FF"));
        assertThat(DiscoveryObject.decode(bytes).encode()).isEqualTo(bytes);
    }

    @Test
    void wrongOuterTag_fails() {
        assertRejects(YUBIKEY.replace("7E 12", "53 12"), DiscoveryObject::decode, "Discovery Object");
    }

    @Test
    void trailingBytes_fails() {
        assertRejects(YUBIKEY + " 00", DiscoveryObject::decode, "Discovery Object");
    }

    @Test
    void missingPolicy_fails() {
        assertRejects("7E 0D 4F 0B A0 00 00 03 08 00 00 10 00 01 00", DiscoveryObject::decode,
                "PIN usage policy (5F2F)");
    }

    @Test
    void policyWrongLength_fails() {
        assertRejects("7E 13 4F 0B A0 00 00 03 08 00 00 10 00 01 00 5F 2F 03 40 00 00", DiscoveryObject::decode,
                "PIN usage policy (5F2F)");
    }

    @Test
    void aidTooShort_fails() {
        assertRejects("7E 0B 4F 04 A0 00 00 03 5F 2F 02 40 00", DiscoveryObject::decode, "AID (4F)");
    }

    @Test
    void unknownTag_fails() {
        assertRejects("7E 14 4F 0B A0 00 00 03 08 00 00 10 00 01 00 5F 2F 02 40 00 50 00", DiscoveryObject::decode,
                "Discovery Object");
    }

    @Test
    void constructor_checks() {
        assertThatThrownBy(() -> new DiscoveryObject(new byte[4], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiscoveryObject(Pivs.AID, 0x10000)).isInstanceOf(IllegalArgumentException.class);
    }
}
