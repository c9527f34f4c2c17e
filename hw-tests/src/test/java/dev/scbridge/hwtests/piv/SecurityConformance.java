package dev.scbridge.hwtests.piv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import org.junit.jupiter.api.Test;

/**
 * Access rules (facts/piv.md sections 5, 6, 8): what needs the management key, what needs the PIN, PIN-always on
 * 9C voided by any intervening command, what a warm reset clears, and when RESET is refused.
 * Vectors: shared/vectors/piv-apdus.txt (Yubico .NET SDK docs @ac9042afef9f, opensc-tool against a YubiKey).
 */
abstract class SecurityConformance extends ConformanceBase {
    private static final byte[] HASH = new byte[32];

    @Test
    void managementCommands_withoutTheManagementKey_are6982() {
        // generate-pair.md: GENERATE 9C RSA-1024 with policies, not authenticated.
        assertSw("00 47 00 9C 0B AC 09 80 01 06 AA 01 02 AB 01 02", 0x6982, "GENERATE");
        // set-mgmt-key.md: SET MANAGEMENT KEY, not authenticated.
        assertSw("00 FF FF FF 1B 03 9B 18 01 02 03 04 05 06 07 08 08 07 06 05 04 03 02 01 08 07 06 05 04 03 02 01",
                0x6982, "SET MANAGEMENT KEY");
        // set-pin-retries.md: SET PIN RETRIES 5/5, not authenticated.
        assertSw("00 FA 05 05", 0x6982, "SET PIN RETRIES");
        assertSw(host.putObject(0x5FC102, new byte[] {0x34, 0x00}), 0x6982, "PUT DATA");
        byte[] scalar = new byte[32];
        scalar[31] = 1;
        assertSw(host.raw(new CommandApdu(0x00, 0xFE, 0x11, 0x9D, new Tlv(0x06, scalar).encode()).encode()), 0x6982,
                "IMPORT KEY");
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        assertSw("00 47 00 9A 05 AC 03 80 01 11", 0x6982, "GENERATE with only the PIN verified");
    }

    @Test
    void wrongManagementKeyAnswers_are6982() {
        assumeTrue(host.managementKeyAlgorithm() == PivAlgorithm.TDES, "the vectors are 3DES-sized");
        // auth-mgmt.md: single authentication, wrong response.
        assertSw("00 87 00 9B 04 7C 02 81 00", 0x9000, "challenge request");
        assertSw("00 87 00 9B 0C 7C 0A 82 08 83 50 D1 81 4C 72 BA 09", 0x6982, "wrong encrypted challenge");
        // auth-mgmt.md: mutual authentication, wrong witness.
        assertSw("00 87 00 9B 04 7C 02 80 00", 0x9000, "witness request");
        assertSw("00 87 00 9B 18 7C 16 80 08 83 50 D1 81 4C 72 BA 09 81 08 11 22 33 44 55 66 77 88 82 00", 0x6982,
                "wrong witness");
        assertSw(host.putObject(0x5FC102, new byte[] {0x34, 0x00}), 0x6982, "PUT DATA after the failures");
    }

    @Test
    void pinSlot_withoutPin_is6982() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256);
        assertSw(sign(PivKeyRef.AUTHENTICATION), 0x6982, "9A before VERIFY");
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        assertSw(sign(PivKeyRef.AUTHENTICATION), 0x9000, "9A after VERIFY");
        assertSw(sign(PivKeyRef.AUTHENTICATION), 0x9000, "9A again: PIN once per session");
    }

    @Test
    void pinAlways_isVoidedByAnInterveningCommand() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.SIGNATURE, PivAlgorithm.ECC_P256);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        // yubico-piv-tool de-authenticates PIN-always keys with an arbitrary command: GET DATA 7E.
        assertSw("00 CB 3F FF 03 5C 01 7E 00", 0x9000, "GET DATA 7E in between");
        assertSw(sign(PivKeyRef.SIGNATURE), 0x6982, "9C after another command");
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        assertSw(sign(PivKeyRef.SIGNATURE), 0x9000, "9C right after VERIFY");
        assertSw(sign(PivKeyRef.SIGNATURE), 0x6982, "9C used twice");
    }

    @Test
    void pinAlways_isVoidedByAnAuthenticateWithAnotherKey() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.SIGNATURE, PivAlgorithm.ECC_P256);
        host.generateKey(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P256);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        // Any other command between the VERIFY and the 9C signature voids it (facts/piv.md 8).
        assertSw(sign(PivKeyRef.CARD_AUTH), 0x9000, "9E in between");
        assertSw(sign(PivKeyRef.SIGNATURE), 0x6982, "9C after another key's signature");
    }

    @Test
    void pinAlways_acceptsAChainedAuthenticate() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.SIGNATURE, PivAlgorithm.ECC_P256);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        // The pieces of one chained GENERAL AUTHENTICATE are one command (facts/piv.md 8).
        byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, HASH)).encode();
        ResponseApdu r = host.send(new CommandApdu(0x00, 0x87, 0x11, 0x9C, template, 256), 16);
        assertSw(r, 0x9000, "9C signed from a 3-piece chain");
    }

    @Test
    void cardAuthentication_needsNoPin() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P256);
        host.reset();
        host.select();
        assertSw(sign(PivKeyRef.CARD_AUTH), 0x9000, "9E without VERIFY");
    }

    @Test
    void warmReset_clearsPinAndManagementKeyStatus() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        host.reset();
        host.select();
        assertSw("00 20 00 80", 0x63C3, "PIN status after reset");
        assertSw(sign(PivKeyRef.AUTHENTICATION), 0x6982, "9A after reset");
        assertSw(host.putObject(0x5FC102, new byte[] {0x34, 0x00}), 0x6982, "PUT DATA after reset");
    }

    @Test
    void reset_isRefusedUnlessPinAndPukAreBlocked() {
        // reset-piv.md; PivApplet answers 6982 here, a YubiKey 6985 (Yubico .NET SDK).
        assertSw("00 FB 00 00", 0x6985, "RESET on a fresh card");
        for (int i = 0; i < PivHost.DEFAULT_TRIES; i++) {
            host.verifyPin("000000");
        }
        assertSw("00 FB 00 00", 0x6985, "RESET with only the PIN blocked");
        assertSw(host.unblock(PivHost.DEFAULT_PUK, "222222"), 0x9000, "the PUK still works");
    }

    private ResponseApdu sign(PivKeyRef slot) {
        return host.authenticateWithKey(slot, PivAlgorithm.ECC_P256, HASH);
    }
}
