package dev.scbridge.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scbridge demo} end to end, in-process: a real CA, a real software card, the recorded exchange. */
class DemoCommandTest {
    @Test
    void demo_succeeds_andPrintsATranscriptWithoutThePin() {
        MainTest.Run r = MainTest.run("demo");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("PIN          ******** (8 digits, random)")
                .contains("SELECT PIV (9-byte AID)")
                .contains("GET DATA 5FC105 (cert 9A)")
                .contains("6A82 file or application not found")
                .contains("VERIFY PIN")
                .contains("GENERAL AUTHENTICATE (chained)")
                .contains("6108 8 more bytes available")
                .contains("ESTABLISHCONTEXT").contains("LISTREADERSW").contains("GETSTATUSCHANGEW")
                .contains("CONNECTW").contains("BEGINTRANSACTION").contains("SCARD_W_CACHE_ITEM_NOT_FOUND")
                .contains("SCARD_E_CANCELLED")
                .contains("flags 0x0005005B INFO_MOUSE|INFO_DISABLECTRLALTDEL|INFO_AUTOLOGON|INFO_UNICODE|"
                        + "INFO_LOGONNOTIFY|INFO_LOGONERRORS|INFO_PASSWORD_IS_SC_PIN, UserName \"alice\"")
                .contains("rdpdr (this card) and rdpsnd")
                .contains("OK: Windows would log alice@example.test on: signature SHA1withRSA verified")
                .doesNotContain("PRIVATE KEY");
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .containsPattern("\\d+ IOCTLs \\(\\d+ PDUs in, \\d+ out\\) carrying 16 APDUs: [0-9.]+ ms in all, of "
                        + "which [0-9.]+ ms the card's private-key operation");
    }

    @Test
    void demo_withOptions_putsThemInTheCertificate() {
        MainTest.Run r = MainTest.run("demo", "--user", "bob", "--domain", "corp.example.com", "--key", "p256",
                "--ca-key", "p384", "--sid", "S-1-5-21-1-2-3-1104", "--validity", "90s",
                "--crl-url", "http://pki.example.test/ca.crl");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("CN=bob, UPN bob@corp.example.com, SID S-1-5-21-1-2-3-1104")
                .contains("(1m30s, back-dated 1m), SHA384withECDSA, CRL http://pki.example.test/ca.crl")
                .contains("signature SHA256withECDSA verified");
    }

    @Test
    void demo_withAKeyThatIsNotTheCertificates_failsWithExit1() {
        MainTest.Run r = MainTest.run("demo", "--mismatched-key");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: logon failed: the card's signature does not verify with the "
                + "certificate's public key (SHA1withRSA): the key in slot 9A is not the certificate's key");
        assertThat(r.out()).contains("NOT the certificate's key").doesNotContain("OK:");
    }

    @Test
    void demo_withDecode_printsEachIoctlFieldByField() {
        MainTest.Run r = MainTest.run("demo", "--decode");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("ListReaders_Call (MS-RDPESC 2.2.2.4)")
                .contains("SCard$AllReaders")
                .contains("GetStatusChange")
                .contains("SCARD_E_CANCELLED");
    }
}
