package dev.scbridge.apdu.piv;

import static dev.scbridge.apdu.piv.Codec.assertRejects;
import static dev.scbridge.apdu.piv.Codec.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityObjectTest {
    @Test
    void mappingsAndOpaqueSignedData_roundTrip() throws DecodeException {
        // DG1 -> CHUID (3000), DG2 -> fingerprints (6010), DG3 -> facial image (6030)
        SecurityObject so = new SecurityObject(List.of(new SecurityObject.Mapping(1, 0x3000),
                new SecurityObject.Mapping(2, 0x6010), new SecurityObject.Mapping(3, 0x6030)),
                Hex.decode("30 03 02 01 01"));
        assertRoundTrip("BA 09 01 30 00 02 60 10 03 60 30 BB 05 30 03 02 01 01 FE 00", SecurityObject::decode, so);
    }

    @Test
    void mappingNotMultipleOfThree_fails() {
        assertRejects("BA 02 01 30 BB 00", SecurityObject::decode, "DG mapping (BA)");
    }

    @Test
    void mappingTooLong_fails() {
        assertRejects("BA 21 " + Hex.spaced(new byte[33]) + " BB 00", SecurityObject::decode, "DG mapping (BA)");
    }

    @Test
    void securityObjectTooLong_fails() {
        assertRejects("BA 00 BB 82 05 13 " + Hex.spaced(new byte[1299]), SecurityObject::decode,
                "security object (BB)");
    }

    @Test
    void missingSecurityObject_fails() {
        assertRejects("BA 03 01 30 00 FE 00", SecurityObject::decode, "security object (BB)");
    }

    @Test
    void unknownTag_fails() {
        assertRejects("BA 00 BB 00 BC 00", SecurityObject::decode, "Security Object");
    }

    @Test
    void constructor_checks() {
        List<SecurityObject.Mapping> eleven = new ArrayList<>(Collections.nCopies(11, new SecurityObject.Mapping(1, 1)));
        assertThatThrownBy(() -> new SecurityObject(eleven, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecurityObject.Mapping(256, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecurityObject.Mapping(1, 0x10000)).isInstanceOf(IllegalArgumentException.class);
        List<SecurityObject.Mapping> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new SecurityObject(withNull, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
