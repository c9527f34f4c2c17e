package dev.scbridge.apdu.piv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.PivApduVectors;
import dev.scbridge.apdu.ResponseApdu;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicationPropertyTemplateTest {
    /** A YubiKey's SELECT answer, piv-apdus.txt line 16 (and Teleport's identical one at line 312). */
    @ParameterizedTest
    @ValueSource(ints = {16, 312})
    void realSelectResponse_isYubikeyStyle(int line) throws DecodeException {
        byte[] data = ResponseApdu.parse(PivApduVectors.at(line).bytes()).data();
        ApplicationPropertyTemplate apt = ApplicationPropertyTemplate.decode(data);
        assertThat(apt).isEqualTo(ApplicationPropertyTemplate.yubikeyStyle());
        assertThat(ApplicationPropertyTemplate.yubikeyStyle().encode()).isEqualTo(data);
        assertThat(apt.applicationId()).isEqualTo(Hex.decode("00 00 10 00 01 00"));
        assertThat(apt.coexistentTagAllocationAuthority()).isEqualTo(Hex.decode("A0 00 00 03 08"));
    }

    @Test
    void pivAppletStyle_oneAcPerAlgorithm() throws DecodeException {
        // full AID, a label, a URL and one AC {80 01 alg, 06 01 00} per algorithm, as PivApplet answers
        String hex = "61 30 4F 0B A0 00 00 03 08 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 50 03 50 49 56"
                + " 5F 50 02 68 74 AC 06 80 01 07 06 01 00 AC 06 80 01 11 06 01 00";
        ApplicationPropertyTemplate apt = ApplicationPropertyTemplate.decode(Hex.decode(hex));
        assertThat(apt.label()).contains("PIV");
        assertThat(apt.url()).contains("ht");
        assertThat(apt.algorithms()).containsExactly(0x07, 0x11);
        // encoding uses the spec form: one AC listing every algorithm
        assertThat(Hex.spaced(apt.encode())).endsWith("AC 09 80 01 07 80 01 11 06 01 00");
        assertThat(ApplicationPropertyTemplate.decode(apt.encode())).isEqualTo(apt);
    }

    @Test
    void specStyleSingleAc_roundTrips() throws DecodeException {
        ApplicationPropertyTemplate apt = new ApplicationPropertyTemplate(Pivs.AID, Hex.decode("A0 00 00 03 08"),
                Optional.empty(), Optional.empty(), List.of(0x27));
        byte[] enc = apt.encode();
        assertThat(Hex.spaced(enc)).isEqualTo("61 1E 4F 0B A0 00 00 03 08 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03"
                + " 08 AC 06 80 01 27 06 01 00");
        assertThat(ApplicationPropertyTemplate.decode(enc)).isEqualTo(apt);
    }

    @Test
    void wrongOuterTag_fails() {
        rejects("6F 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08", "APT");
    }

    @Test
    void missingAuthority_fails() {
        rejects("61 08 4F 06 00 00 10 00 01 00", "coexistent tag allocation authority (79)");
    }

    @Test
    void authorityWithoutAid_fails() {
        rejects("61 0A 4F 06 00 00 10 00 01 00 79 00", "APT authority application identifier (4F)");
    }

    @Test
    void missingAid_fails() {
        rejects("61 09 79 07 4F 05 A0 00 00 03 08", "application identifier (4F)");
    }

    @Test
    void aidTooLong_fails() {
        rejects("61 1C 4F 11 " + Hex.spaced(new byte[17]) + " 79 07 4F 05 A0 00 00 03 08",
                "application identifier (4F)");
    }

    @Test
    void algorithmTemplateWithoutOid_fails() {
        rejects("61 16 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 AC 03 80 01 07", "object identifier (06)");
    }

    @Test
    void algorithmOidNotZero_fails() {
        rejects("61 19 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 AC 06 80 01 07 06 01 01",
                "object identifier (06)");
    }

    @Test
    void algorithmTwoBytes_fails() {
        rejects("61 1A 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 AC 07 80 02 07 07 06 01 00",
                "algorithm identifier (80)");
    }

    @Test
    void algorithmTemplateEmpty_fails() {
        rejects("61 16 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 AC 03 06 01 00", "algorithm identifier (80)");
    }

    @Test
    void labelNotText_fails() {
        rejects("61 14 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 50 01 07", "label (50)");
    }

    @Test
    void unknownTag_fails() {
        rejects("61 13 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 51 00", "APT");
    }

    @Test
    void duplicateAid_fails() {
        rejects("61 19 4F 06 00 00 10 00 01 00 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08", "APT");
    }

    @Test
    void constructor_checks() {
        byte[] rid = Hex.decode("A0 00 00 03 08");
        assertThatThrownBy(() -> new ApplicationPropertyTemplate(new byte[0], rid, Optional.empty(), Optional.empty(),
                List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApplicationPropertyTemplate(Pivs.AID, rid, Optional.empty(), Optional.empty(),
                List.of(0x100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApplicationPropertyTemplate(Pivs.AID, rid, Optional.of("x".repeat(128)),
                Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void rejects(String hex, String field) {
        assertThatThrownBy(() -> ApplicationPropertyTemplate.decode(Hex.decode(hex)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.field()).contains(field));
    }
}
