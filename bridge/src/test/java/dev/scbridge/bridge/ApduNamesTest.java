package dev.scbridge.bridge;

import dev.scbridge.apdu.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApduNamesTest {
    /** Commands from the recorded Windows logon (windows-logon-trace.txt) and two malformed ones. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 | SELECT PIV (9-byte AID)",
        "00 A4 04 00 08 A0 00 00 05 27 47 11 17    | SELECT AID",
        "00 CB 3F FF 05 5C 03 5F C1 02 00          | GET DATA 5FC102 (CHUID)",
        "00 CB 3F FF 05 5C 03 5F C1 05 00          | GET DATA 5FC105 (cert 9A)",
        "00 CB 3F FF 05 5C 03 5F C1 0C 00          | GET DATA 5FC10C (key history)",
        "00 CB 3F FF 05 5C 03 5F C1 07 00          | GET DATA 5FC107 (CCC)",
        "00 CB 3F FF 03 5C 01 7E 00                | GET DATA 7E",
        "00 CB 3F FF 02 5D 00 00                   | GET DATA (unusual tag list)",
        "00 C0 00 00 08                            | GET RESPONSE",
        "00 20 00 80 08 37 30 34 37 32 31 36 38    | VERIFY PIN",
        "10 87 07 9A 01 7C                         | GENERAL AUTHENTICATE (chained)",
        "00 FD 00 00 00                            | INS FD",
        "00 A4                                     | malformed APDU",
        "00 A4 04 00 09 A0                         | malformed APDU"})
    void describe_namesCommandsWithoutTheirSecrets(String hex, String name) {
        assertThat(ApduNames.describe(Hex.decode(hex))).isEqualTo(name);
    }
}
