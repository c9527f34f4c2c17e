package dev.scbridge.apdu.piv;

import static dev.scbridge.apdu.piv.Codec.assertRejects;
import static dev.scbridge.apdu.piv.Codec.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrintedInformationTest {
    private static String text(int tag, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return String.format("%02X %02X ", tag, b.length) + Hex.spaced(b);
    }

    private static final String MANDATORY = text(0x01, "Jane Q Public") + " " + text(0x02, "Employee") + " "
            + text(0x04, "2030JAN01") + " " + text(0x05, "0001") + " " + text(0x06, "DEMO");

    @Test
    void mandatoryOnly_roundTrip() throws DecodeException {
        assertRoundTrip(MANDATORY + " FE 00", PrintedInformation::decode, new PrintedInformation("Jane Q Public",
                "Employee", "2030JAN01", "0001", "DEMO", Optional.empty(), Optional.empty()));
    }

    @Test
    void organizationLines_roundTrip() throws DecodeException {
        assertRoundTrip(MANDATORY + " " + text(0x07, "Agency") + " " + text(0x08, "Division") + " FE 00",
                PrintedInformation::decode, new PrintedInformation("Jane Q Public", "Employee", "2030JAN01",
                        "0001", "DEMO", Optional.of("Agency"), Optional.of("Division")));
    }

    @Test
    void missingName_fails() {
        assertRejects(MANDATORY.replace(text(0x01, "Jane Q Public") + " ", ""), PrintedInformation::decode,
                "name (01)");
    }

    @Test
    void nameTooLong_fails() {
        assertRejects(MANDATORY.replace(text(0x01, "Jane Q Public"), text(0x01, "N".repeat(126))),
                PrintedInformation::decode, "name (01)");
    }

    @Test
    void expirationWrongLength_fails() {
        assertRejects(MANDATORY.replace(text(0x04, "2030JAN01"), text(0x04, "20300101")), PrintedInformation::decode,
                "expiration date (04)");
    }

    @Test
    void issuerTooLong_fails() {
        assertRejects(MANDATORY.replace(text(0x06, "DEMO"), text(0x06, "I".repeat(16))), PrintedInformation::decode,
                "issuer identification (06)");
    }

    @Test
    void organizationLineTooLong_fails() {
        assertRejects(MANDATORY + " " + text(0x08, "O".repeat(21)), PrintedInformation::decode,
                "organization affiliation line 2 (08)");
    }

    @Test
    void notAscii_fails() {
        assertRejects(MANDATORY.replace(text(0x02, "Employee"), "02 02 41 FF"), PrintedInformation::decode,
                "employee affiliation (02)");
    }

    @Test
    void ykmanProtectedData_isNotPrintedInformation() {
        // ykman keeps 88 { 89 <management key> } in 5FC109 (facts piv.md section 7)
        assertRejects("88 1A 89 18 " + Hex.spaced(new byte[24]), PrintedInformation::decode, "Printed Information");
    }

    @Test
    void constructor_checks() {
        assertThatThrownBy(() -> new PrintedInformation("N", "E", "2030JAN1", "1", "I", Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrintedInformation("N\u00e9", "E", "2030JAN01", "1", "I", Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrintedInformation(null, "E", "2030JAN01", "1", "I", Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
