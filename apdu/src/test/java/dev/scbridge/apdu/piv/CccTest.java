package dev.scbridge.apdu.piv;

import static dev.scbridge.apdu.piv.Codec.assertRejects;
import static dev.scbridge.apdu.piv.Codec.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import org.junit.jupiter.api.Test;

class CccTest {
    private static final String RANDOM = "01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E";
    /** yubico-piv-tool util.c CCC_TMPL with the 14 random bytes above (facts piv.md section 7; 51 bytes). */
    private static final String YUBICO = "F0 15 A0 00 00 01 16 FF 02 " + RANDOM
            + " F1 01 21 F2 01 21 F3 00 F4 01 00 F5 01 10 F6 00 F7 00 FA 00 FB 00 FC 00 FD 00 FE 00";

    @Test
    void yubicoStyle_isTheYubicoTemplate() throws DecodeException {
        Ccc ccc = Ccc.yubicoStyle(Hex.decode(RANDOM));
        assertThat(ccc.encode()).hasSize(51);
        assertRoundTrip(YUBICO, Ccc::decode, ccc);
        assertThat(ccc.dataModelNumber()).isEqualTo(0x10);
    }

    @Test
    void deprecatedOptionalElements_kept() throws DecodeException {
        Ccc ccc = new Ccc(new byte[0], new byte[0], new byte[0], Hex.decode("41 42"), new byte[0], 0x10,
                new byte[17], Hex.decode("E0"), Hex.decode("B0 B1"));
        assertRoundTrip("F0 00 F1 00 F2 00 F3 02 41 42 F4 00 F5 01 10 F6 11 " + Hex.spaced(new byte[17])
                + " F7 00 FA 00 FB 00 FC 00 FD 00 E3 01 E0 B4 02 B0 B1 FE 00", Ccc::decode, ccc);
    }

    @Test
    void emptyPlaceholders_mayBeOmitted() throws DecodeException {
        Ccc ccc = Ccc.decode(Hex.decode("F0 00 F1 00 F2 00 F3 00 F4 00 F5 01 10 F6 00"));
        assertThat(ccc.encode()).endsWith(Hex.decode("F7 00 FA 00 FB 00 FC 00 FD 00 FE 00"));
    }

    @Test
    void unknownTag_fails() {
        assertRejects(YUBICO + " 99 00", Ccc::decode, "CCC");
    }

    @Test
    void duplicateTag_fails() {
        assertRejects(YUBICO + " F1 01 21", Ccc::decode, "CCC");
    }

    @Test
    void cardIdentifierWrongLength_fails() {
        assertRejects("F0 14 " + Hex.spaced(new byte[20]) + " F1 01 21 F2 01 21 F3 00 F4 01 00 F5 01 10 F6 00",
                Ccc::decode, "card identifier (F0)");
    }

    @Test
    void versionTwoBytes_fails() {
        assertRejects("F0 00 F1 02 21 21 F2 01 21 F3 00 F4 01 00 F5 01 10 F6 00", Ccc::decode,
                "container version (F1)");
    }

    @Test
    void urlTooLong_fails() {
        assertRejects("F0 00 F1 00 F2 00 F3 81 81 " + Hex.spaced(new byte[129]) + " F4 00 F5 01 10 F6 00",
                Ccc::decode, "applications CardURL (F3)");
    }

    @Test
    void wrongDataModel_fails() {
        assertRejects("F0 00 F1 00 F2 00 F3 00 F4 00 F5 01 11 F6 00", Ccc::decode, "data model number (F5)");
    }

    @Test
    void missingDataModel_fails() {
        assertRejects("F0 00 F1 00 F2 00 F3 00 F4 00 F6 00", Ccc::decode, "data model number (F5)");
    }

    @Test
    void accessControlRuleTableWrongLength_fails() {
        assertRejects("F0 00 F1 00 F2 00 F3 00 F4 00 F5 01 10 F6 01 00", Ccc::decode, "access control rule table (F6)");
    }

    @Test
    void nonEmptyPlaceholder_fails() {
        assertRejects("F0 00 F1 00 F2 00 F3 00 F4 00 F5 01 10 F6 00 F7 01 00", Ccc::decode, "card APDUs (F7)");
        assertRejects("F0 00 F1 00 F2 00 F3 00 F4 00 F5 01 10 F6 00 FE 01 00", Ccc::decode, "error detection code");
    }

    @Test
    void extendedUrlTooLong_fails() {
        assertRejects("F0 00 F1 00 F2 00 F3 00 F4 00 F5 01 10 F6 00 E3 31 " + Hex.spaced(new byte[49]), Ccc::decode,
                "extended application CardURL (E3)");
    }

    @Test
    void malformedTlv_failsNamingObject() {
        assertRejects("F0 15 A0", Ccc::decode, "CCC value");
    }

    @Test
    void yubicoStyle_needs14Bytes() {
        assertThatThrownBy(() -> Ccc.yubicoStyle(new byte[13])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_checksLengths() {
        assertThatThrownBy(() -> new Ccc(new byte[20], new byte[0], new byte[0], new byte[0], new byte[0], 0x10,
                new byte[0], null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ccc(new byte[0], new byte[0], new byte[0], new byte[0], new byte[0], 0x11,
                new byte[0], null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
