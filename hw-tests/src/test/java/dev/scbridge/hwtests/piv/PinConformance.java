package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import org.junit.jupiter.api.Test;

/**
 * PIN and PUK life cycle (facts/piv.md sections 4 and 6): counters, status queries, CHANGE REFERENCE DATA and RESET
 * RETRY COUNTER with the real YubiKey vectors, SET PIN RETRIES, and blocking both to RESET the application as ykman
 * does. Vectors: shared/vectors/piv-apdus.txt (Yubico .NET SDK docs @ac9042afef9f, opensc-tool against a YubiKey).
 */
abstract class PinConformance extends ConformanceBase {
    /** piv-apdus.txt: VERIFY "123456" padded with FF (verify.md). */
    private static final String VERIFY_DEFAULT = "00 20 00 80 08 31 32 33 34 35 36 FF FF";
    private static final String VERIFY_WRONG = "00 20 00 80 08 31 32 33 34 35 37 FF FF";

    @Test
    void wrongPin_countsDown() {
        assertSw(VERIFY_WRONG, 0x63C2, "wrong PIN, 1st");
        assertSw(VERIFY_WRONG, 0x63C1, "wrong PIN, 2nd");
        assertSw(VERIFY_WRONG, 0x63C0, "wrong PIN, 3rd");
        // Counter 0: 6983, the right PIN is not even compared (SP 800-73-4 Part 2; .NET verify.md).
        assertSw(VERIFY_DEFAULT, 0x6983, "right PIN on a blocked counter");
        assertSw("00 20 00 80", 0x6983, "status of a blocked PIN");
    }

    @Test
    void rightPin_restoresTheCounter() {
        assertSw(VERIFY_WRONG, 0x63C2, "wrong PIN");
        assertSw(VERIFY_DEFAULT, 0x9000, "right PIN");
        assertSw("00 20 00 80 00", 0x9000, "status once verified");
        assertSw(VERIFY_WRONG, 0x63C2, "wrong PIN after the counter was restored");
    }

    @Test
    void verifyStatus_spendsNoTry() {
        // OpenSC sends the status query as a 4-byte case-1 APDU, yubico-piv-tool with Le 00.
        assertSw("00 20 00 80", 0x63C3, "status, case 1");
        assertSw("00 20 00 80 00", 0x63C3, "status, Le 00");
        assertSw("00 20 00 80", 0x63C3, "status again");
    }

    @Test
    void verifyWithP1FF_clearsTheVerifiedState() {
        assertSw(VERIFY_DEFAULT, 0x9000, "VERIFY");
        // yubico-piv-tool >= 5.4.3 logs out with 00 20 FF 80; the counter is unchanged.
        assertSw("00 20 FF 80", 0x9000, "VERIFY P1 FF");
        assertSw("00 20 00 80", 0x63C3, "status after logout");
    }

    @Test
    void badlyFormattedPin_costsATry() {
        // ykman and yubikit block the PIN with 8 x FF: that must count down, not answer 6A80.
        assertSw("00 20 00 80 08 FF FF FF FF FF FF FF FF", 0x63C2, "VERIFY 8 x FF");
    }

    @Test
    void changePinAndPuk_withTheYubikeyVectors() {
        // piv-apdus.txt change-ref.md: 123456 -> 654321, then PUK 12345678 -> 87654321.
        assertSw("00 24 00 80 10 31 32 33 34 35 36 FF FF 36 35 34 33 32 31 FF FF", 0x9000, "CHANGE PIN");
        assertSw("00 24 00 81 10 31 32 33 34 35 36 37 38 38 37 36 35 34 33 32 31", 0x9000, "CHANGE PUK");
        assertSw(VERIFY_DEFAULT, 0x63C2, "old PIN");
        assertThat(host.verifyPin("654321")).isEqualTo(0x9000);
        assertSw(host.unblock(PivHost.DEFAULT_PUK, "111111"), 0x63C2, "old PUK");
        assertSw(host.unblock("87654321", "111111"), 0x9000, "new PUK");
        assertThat(host.verifyPin("111111")).isEqualTo(0x9000);
    }

    @Test
    void changePin_withAWrongOldPin_countsDown() {
        assertSw(host.change(0x80, "000000", "222222"), 0x63C2, "CHANGE with a wrong old PIN");
        assertThat(host.verifyPin(PivHost.DEFAULT_PIN)).isEqualTo(0x9000);
    }

    @Test
    void changePin_toATooShortPin_is6985() {
        // Yubico .NET SDK change-ref.md: a new PIN failing the length rule is 6985.
        assertSw(host.change(0x80, PivHost.DEFAULT_PIN, "12345"), 0x6985, "CHANGE to a 5-character PIN");
        assertThat(host.verifyPin(PivHost.DEFAULT_PIN)).isEqualTo(0x9000);
    }

    @Test
    void unblockPin_withPuk() {
        for (int i = 0; i < PivHost.DEFAULT_TRIES; i++) {
            host.verifyPin("000000");
        }
        assertSw("00 20 00 80", 0x6983, "PIN blocked");
        // piv-apdus.txt reset-retry.md: PUK 12345678 + new PIN 1234567.
        assertSw("00 2C 00 80 10 31 32 33 34 35 36 37 38 31 32 33 34 35 36 37 FF", 0x9000, "RESET RETRY COUNTER");
        assertThat(host.verifyPin("1234567")).isEqualTo(0x9000);
    }

    @Test
    void wrongPuk_countsDownThePuk() {
        assertSw(host.unblock("00000000", "222222"), 0x63C2, "RESET RETRY with a wrong PUK");
        assertSw(host.change(0x81, "00000000", "22222222"), 0x63C1, "CHANGE PUK with a wrong PUK");
        assertSw(host.unblock(PivHost.DEFAULT_PUK, "222222"), 0x9000, "right PUK");
        assertThat(host.verifyPin("222222")).isEqualTo(0x9000);
    }

    @Test
    void setPinRetries_needsManagementKeyAndPin_andRestoresDefaults() {
        assertSw("00 FA 05 05", 0x6982, "SET PIN RETRIES unauthenticated (set-pin-retries.md vector)");
        host.authenticateDefault();
        assertSw("00 FA 05 05", 0x6982, "SET PIN RETRIES without the PIN");
        assertSw(host.change(0x80, PivHost.DEFAULT_PIN, "765432"), 0x9000, "CHANGE PIN");
        host.verifyPinOk("765432");
        assertSw("00 FA 05 06", 0x9000, "SET PIN RETRIES 5/6");
        assertSw("00 20 00 80", 0x63C5, "5 PIN tries");
        assertSw(host.unblock("00000000", "222222"), 0x63C5, "6 PUK tries, one spent");
        // PIN and PUK are back to their defaults.
        assertThat(host.verifyPin(PivHost.DEFAULT_PIN)).isEqualTo(0x9000);
        if (host.versionNumber() >= 50300) {
            assertThat(Hex.spaced(host.metadata(0x80).encode())).isEqualTo("01 01 FF 05 01 01 06 02 05 05 90 00");
        }
    }

    @Test
    void blockPinAndPuk_thenReset_restoresTheFactoryState() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256);
        assertSw(host.putObject(0x5FC102, new byte[] {0x34, 0x00}), 0x9000, "PUT DATA");
        assertSw("00 FB 00 00", 0x6985, "RESET with PIN and PUK usable (reset-piv.md vector)");
        FactoryReset.blockPinAndPuk(host);
        assertSw("00 FB 00 00", 0x9000, "RESET");
        host.reset();
        host.select();
        assertThat(host.verifyPin(PivHost.DEFAULT_PIN)).isEqualTo(0x9000);
        assertSw(host.unblock(PivHost.DEFAULT_PUK, PivHost.DEFAULT_PIN), 0x9000, "default PUK");
        host.authenticateDefault();
        assertSw(host.getObject(0x5FC102), 0x6A82, "objects are gone");
        assertSw(host.authenticateWithKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, new byte[32]), 0x6A80,
                "the 9A key is gone");
        if (host.versionNumber() >= 50300) {
            assertSw(host.metadata(0x9A), 0x6A88, "metadata of the erased 9A");
            assertSw(host.metadata(0xF9), 0x9000, "the attestation key stays");
        }
    }
}
