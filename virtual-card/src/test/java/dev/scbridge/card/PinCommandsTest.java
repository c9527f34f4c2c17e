package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER, SET PIN RETRIES and RESET (facts/piv.md section 4). */
class PinCommandsTest {
    private static final String PIN_123456 = "31 32 33 34 35 36 FF FF";
    private static final String PUK_12345678 = "31 32 33 34 35 36 37 38";
    private static final String WRONG = "39 39 39 39 39 39 FF FF";
    private final CardSession s = CardSession.fresh();

    @Test
    void verifyDefaultPin_succeeds() {
        // Yubico .NET SDK verify.md trace
        assertThat(s.sw("00 20 00 80 08 " + PIN_123456)).isEqualTo(0x9000);
        assertThat(s.sw("00 20 00 80 00")).isEqualTo(0x9000);
    }

    @Test
    void verifyStatusBeforeVerifying_reportsTriesWithoutSpendingOne() {
        assertThat(s.sw("00 20 00 80")).isEqualTo(0x63C3);
        assertThat(s.sw("00 20 00 80 00")).isEqualTo(0x63C3);
    }

    @Test
    void wrongPin_countsDownThenBlocks() {
        assertThat(s.sw("00 20 00 80 08 " + WRONG)).isEqualTo(0x63C2);
        assertThat(s.sw("00 20 00 80 08 " + WRONG)).isEqualTo(0x63C1);
        assertThat(s.sw("00 20 00 80 08 " + WRONG)).isEqualTo(0x63C0);
        assertThat(s.sw("00 20 00 80 08 " + PIN_123456)).isEqualTo(0x6983);
        assertThat(s.sw("00 20 00 80 00")).isEqualTo(0x6983);
    }

    @Test
    void rightPin_restoresTheCounter() {
        s.sw("00 20 00 80 08 " + WRONG);
        assertThat(s.sw("00 20 00 80 08 " + PIN_123456)).isEqualTo(0x9000);
        s.sw("00 20 FF 80");
        assertThat(s.sw("00 20 00 80 00")).isEqualTo(0x63C3);
    }

    @Test
    void allFfPin_costsATry_asYkmanResetExpects() {
        assertThat(s.sw("00 20 00 80 08 FF FF FF FF FF FF FF FF")).isEqualTo(0x63C2);
    }

    @Test
    void verifyP1FF_resetsSecurityStatus() {
        s.sw("00 20 00 80 08 " + PIN_123456);
        assertThat(s.sw("00 20 FF 80 00")).isEqualTo(0x9000);
        assertThat(s.sw("00 20 00 80 00")).isEqualTo(0x63C3);
    }

    @Test
    void verifyBadParameters_areRejected() {
        assertThat(s.sw("00 20 01 80 08 " + PIN_123456)).isEqualTo(0x6A86);
        assertThat(s.sw("00 20 00 00 08 " + PIN_123456)).isEqualTo(0x6A88);
        assertThat(s.sw("00 20 00 96 08 " + PIN_123456)).isEqualTo(0x6A88);
        assertThat(s.sw("00 20 00 80 06 31 32 33 34 35 36")).isEqualTo(0x6A80);
    }

    @Test
    void changePin_thenTheNewOneVerifies() {
        // Yubico .NET SDK change-ref.md trace: 123456 -> 654321
        assertThat(s.sw("00 24 00 80 10 " + PIN_123456 + " 36 35 34 33 32 31 FF FF")).isEqualTo(0x9000);
        assertThat(s.sw("00 20 00 80 08 " + PIN_123456)).isEqualTo(0x63C2);
        assertThat(s.sw("00 20 00 80 08 36 35 34 33 32 31 FF FF")).isEqualTo(0x9000);
    }

    @Test
    void changePuk_vector() {
        assertThat(s.sw("00 24 00 81 10 " + PUK_12345678 + " 38 37 36 35 34 33 32 31")).isEqualTo(0x9000);
    }

    @Test
    void changePinWithWrongOld_costsATry() {
        assertThat(s.sw("00 24 00 80 10 " + WRONG + " 36 35 34 33 32 31 FF FF")).isEqualTo(0x63C2);
    }

    @Test
    void changePinToMalformedValue_is6985() {
        assertThat(s.sw("00 24 00 80 10 " + PIN_123456 + " 31 32 33 FF FF FF FF FF")).isEqualTo(0x6985);
        assertThat(s.sw("00 24 00 80 10 " + PIN_123456 + " 41 42 43 44 45 46 FF FF")).isEqualTo(0x6985);
        assertThat(s.sw("00 24 00 80 10 " + PIN_123456 + " 31 32 33 34 35 36 FF 37")).isEqualTo(0x6985);
    }

    @Test
    void changeWithWrongLength_is6A80() {
        assertThat(s.sw("00 24 00 80 08 " + PIN_123456)).isEqualTo(0x6A80);
    }

    @Test
    void resetRetryCounter_unblocksThePin() {
        for (int i = 0; i < 3; i++) {
            s.sw("00 20 00 80 08 " + WRONG);
        }
        // Yubico .NET SDK reset-retry.md trace: PUK 12345678, new PIN 1234567
        assertThat(s.sw("00 2C 00 80 10 " + PUK_12345678 + " 31 32 33 34 35 36 37 FF")).isEqualTo(0x9000);
        assertThat(s.sw("00 20 00 80 08 31 32 33 34 35 36 37 FF")).isEqualTo(0x9000);
    }

    @Test
    void resetRetryCounterWithWrongPuk_blocksThePukAfterThreeTries() {
        assertThat(s.sw("00 2C 00 80 10 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF")).isEqualTo(0x63C2);
        assertThat(s.sw("00 2C 00 80 10 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF")).isEqualTo(0x63C1);
        assertThat(s.sw("00 2C 00 80 10 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF")).isEqualTo(0x63C0);
        assertThat(s.sw("00 2C 00 80 10 " + PUK_12345678 + " 31 32 33 34 35 36 37 FF")).isEqualTo(0x6983);
    }

    @Test
    void reset_onlyWhenPinAndPukAreBlocked() {
        assertThat(s.sw("00 FB 00 00")).isEqualTo(0x6985);
        for (int i = 0; i < 3; i++) {
            s.sw("00 20 00 80 08 " + WRONG);
        }
        assertThat(s.sw("00 FB 00 00")).isEqualTo(0x6985);
        for (int i = 0; i < 3; i++) {
            s.sw("00 2C 00 80 10 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF");
        }
        assertThat(s.sw("00 FB 00 00")).isEqualTo(0x9000);
        assertThat(s.sw("00 20 00 80 08 " + PIN_123456)).isEqualTo(0x9000);
        assertThat(s.sw("00 CB 3F FF 05 5C 03 5F C1 02 00")).isEqualTo(0x6A82);
    }

    @Test
    void setPinRetries_needsManagementKeyAndPin() {
        // Yubico .NET SDK set-pin-retries.md trace
        assertThat(s.sw("00 FA 05 05")).isEqualTo(0x6982);
        s.authenticateDefault();
        assertThat(s.sw("00 FA 05 05")).isEqualTo(0x6982);
        s.verifyPin("123456");
        assertThat(s.sw("00 FA 05 05")).isEqualTo(0x9000);
        assertThat(s.sw("00 20 00 80 00")).isEqualTo(0x63C5);
        assertThat(s.sw("00 FA 00 05")).isEqualTo(0x6982); // the PIN status was reset by the change
    }

    @Test
    void metadataOfPin_reportsDefaultAndRetries() {
        // Yubico .NET SDK metadata.md: 01 01 FF 05 01 01 06 02 05 05 (with 5 tries); ours has 3
        assertThat(dev.scbridge.apdu.Hex.spaced(s.raw("00 F7 00 80").encode()))
                .isEqualTo("01 01 FF 05 01 01 06 02 03 03 90 00");
    }
}
