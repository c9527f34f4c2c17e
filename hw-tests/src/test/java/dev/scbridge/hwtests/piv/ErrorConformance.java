package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Malformed and wrong commands and their status words (facts/piv.md sections 1-8, docs/virtual-card.md "Transport").
 * A YubiKey's answers to a bad INS, CLA, length or P1/P2 are not in Yubico's documents (facts/piv.md 11); there the
 * assertions accept the documented set and say where each member comes from.
 */
abstract class ErrorConformance extends ConformanceBase {
    @Test
    void unknownInstruction_is6D00() {
        // ISO 7816-4; PivApplet; yubico-piv-tool maps 6D00. READ BINARY and yubico-piv-tool's OTP probe.
        assertSw("00 B0 00 00 00", 0x6D00, "READ BINARY");
        assertSw("00 01 10 00", 0x6D00, "OTP applet probe");
    }

    @Test
    void badClass_is6E00() {
        // ISO 7816-4; PivApplet answers 6E00 for CLA b8; yubico-piv-tool maps 6E00 (facts/piv.md 11).
        assertSw("80 FD 00 00", 0x6E00, "GET VERSION with CLA 80");
        assertSw("80 CB 3F FF 05 5C 03 5F C1 02", 0x6E00, "GET DATA with CLA 80");
    }

    @Test
    void malformedLength_is6700() {
        // Lc 05 with 2 data bytes; an extended header cut short. PivApplet answers 6700 for an Lc mismatch;
        // yubico-piv-tool maps 6700 (facts/piv.md 11). Through PC/SC a reader driver may refuse such bytes itself
        // (the transport's transmit then throws): that says nothing about the card, so a transport that declares
        // it (CardUnderTest.passesMalformedApdus) may answer with that error instead; any status word must be 6700.
        assertMalformedIs6700("00 CB 3F FF 05 5C 03", "Lc beyond the APDU");
        assertMalformedIs6700("00 CB 3F FF 00 00", "truncated extended length");
        assertSw("00 FD 00 00 00", 0x9000, "the card still answers after the malformed commands");
    }

    /** 6700 from the card, or (only where the transport says PC/SC may refuse malformed bytes) a transmit error. */
    private void assertMalformedIs6700(String apdu, String what) {
        if (host.card().passesMalformedApdus()) {
            assertSw(apdu, 0x6700, what);
            return;
        }
        ResponseApdu r;
        try {
            r = host.raw(apdu);
        } catch (UncheckedIOException e) {
            System.err.println(host.description() + ": " + what + " [" + apdu + "] refused by the PC/SC layer ("
                    + e.getCause().getMessage() + "); accepted, the card never saw it");
            return;
        }
        assertSw(r, 0x6700, what + " [" + apdu + "]");
    }

    @Test
    void wrongP1P2_is6A86() {
        // SP 800-73-4 Part 2 and PivApplet: 6A86; yubico-piv-tool maps 6B00 ("incorrect slot") too (facts/piv.md 11).
        assertSwIn("00 CB 3F 00 05 5C 03 5F C1 02 00", "GET DATA P1 P2 3F 00", 0x6A86, 0x6B00);
        assertSwIn("00 20 01 80 08 31 32 33 34 35 36 FF FF", "VERIFY P1 01", 0x6A86, 0x6B00);
        host.authenticateDefault();
        assertSwIn("00 47 00 77 05 AC 03 80 01 11", "GENERATE in slot 77", 0x6A86, 0x6B00);
        assertSwIn("00 47 01 9A 05 AC 03 80 01 11", "GENERATE P1 01", 0x6A86, 0x6B00);
        assertSw("00 20 00 80", 0x63C3, "none of these cost a PIN try");
    }

    @Test
    void wrongData_is6A80() {
        host.authenticateDefault();
        // GET DATA needs 5C; an object id is 1-3 bytes (SP 800-73-4 Part 2 3.1.2).
        assertSw("00 CB 3F FF 05 5D 03 5F C1 02 00", 0x6A80, "GET DATA without 5C");
        assertSw("00 CB 3F FF 06 5C 04 5F C1 02 01 00", 0x6A80, "GET DATA with a 4-byte id");
        // Yubico .NET SDK generate-pair.md: an unknown algorithm is 6A80.
        assertSw("00 47 00 9A 05 AC 03 80 01 FF", 0x6A80, "GENERATE algorithm FF");
        // A 3DES key of 16 bytes.
        assertSw("00 FF FF FF 13 03 9B 10 01 02 03 04 05 06 07 08 01 02 03 04 05 06 07 08", 0x6A80,
                "SET MANAGEMENT KEY of the wrong length");
    }

    @Test
    void keyOperation_onAnEmptySlotOrWithTheWrongAlgorithm_is6A80() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P256);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        // yubikit: an empty slot or a P1 that does not match the key is 6A80 (ykman check_key also accepts 6B00).
        assertSwIn(host.authenticateWithKey(PivKeyRef.SIGNATURE, PivAlgorithm.ECC_P256, new byte[32]),
                "sign with empty 9C", 0x6A80, 0x6B00);
        assertSwIn(host.authenticateWithKey(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P384, new byte[48]),
                "P-384 P1 on a P-256 key", 0x6A80, 0x6B00);
    }

    @Test
    void getResponse_withNothingPending_is6A80() {
        // piv-apdus.txt: GET RESPONSE with nothing pending, a real YubiKey (auth-sign.md): 6A80.
        assertSw("00 C0 00 00", 0x6A80, "GET RESPONSE, nothing pending");
    }

    @Test
    void anotherCommand_dropsAPendingResponse() {
        host.authenticateDefault();
        assertSw(host.putObject(0x5FC10A, new byte[1000]), 0x9000, "PUT DATA 1000 bytes");
        ResponseApdu first = host.raw("00 CB 3F FF 05 5C 03 5F C1 0A 00");
        assertThat(first.sw1()).as("61xx").isEqualTo(0x61);
        assertThat(host.version()).hasSize(3);
        assertSw("00 C0 00 00 00", 0x6A80, "GET RESPONSE after another command");
    }

    @Test
    void absentObject_is6A82() {
        for (int id : new int[] {0x5FC10A, 0x5FC10B, 0x5FC101, 0x5FC10C, 0x5FC107, 0x5FC106}) {
            assertSw(host.getObject(id), 0x6A82, String.format("GET DATA %X", id));
        }
    }

    @Test
    void unknownAid_is6A82_andPivStaysSelectedWithItsStatus() {
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        // Windows tries GIDS before PIV, and the SC-PnP AID (facts/piv.md 9); ykman probes OpenPGP.
        assertSw("00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00", 0x6A82, "SELECT GIDS");
        assertSw("00 A4 04 00 0B A0 00 00 03 97 43 49 44 5F 01 00 00", 0x6A82, "SELECT SC-PnP");
        assertSw("00 A4 04 00 06 D2 76 00 01 24 01 00", 0x6A82, "SELECT OpenPGP");
        assertSw("00 20 00 80", 0x9000, "PIV still selected, PIN still verified");
        assertSw(LogonTrace.SELECT, 0x9000, "re-select PIV");
        assertSw("00 20 00 80", 0x9000, "re-selecting PIV keeps the status");
    }

    @Test
    void unknownReference_is6A88() {
        assumeFirmware(5, 3, "GET METADATA");
        // SP 800-73-4 Part 2: a reference the command cannot use is 6A88; ykman's Bio probe F7 00 96 must get
        // 6A88 or 6D00 (facts/piv.md 6).
        assertSwIn(host.metadata(0x96), "GET METADATA 96 (Bio)", 0x6A88, 0x6D00);
        assertSw(host.metadata(0x9E), 0x6A88, "GET METADATA empty 9E");
        assertSw("00 2C 00 81 10 31 32 33 34 35 36 37 38 31 32 33 34 35 36 FF FF", 0x6A88, "RESET RETRY P2 81");
        // .NET change-ref.md documents 6A88 for a CHANGE REFERENCE DATA reference it does not know.
        assertSw(host.change(0x9B, PivHost.DEFAULT_PIN, "654321"), 0x6A88, "CHANGE REFERENCE DATA P2 9B");
    }

    @Test
    void putDataOfDiscovery_is6A81() {
        host.authenticateDefault();
        // SP 800-73-4 Part 2 PUT DATA: 7E and 7F61 are written as the TLV itself, and a YubiKey refuses both
        // (Yubico .NET SDK commands.md "Not writable").
        assertSw("00 DB 3F FF 14 7E 12 4F 0B A0 00 00 03 08 00 00 10 00 01 00 5F 2F 02 40 00", 0x6A81, "PUT DATA 7E");
        assertSw("00 DB 3F FF 05 7F 61 02 01 00", 0x6A81, "PUT DATA 7F61");
    }

    @Test
    void objectTooLarge_is6A84() {
        host.authenticateDefault();
        // SP 800-73-4 Part 2 PUT DATA: 6A84. A YubiKey's 3,072-byte command buffer may refuse the chain first;
        // what it answers then is not documented, so 6700 is accepted too.
        ResponseApdu r = host.putObject(0x5FC10A, new byte[4000]);
        assertSwIn(r, "PUT DATA of 4000 bytes", 0x6A84, 0x6700);
        assertSw(host.getObject(0x5FC10A), 0x6A82, "nothing was written");
    }

    @Test
    void interruptedChain_isDropped() {
        host.authenticateDefault();
        // SP 800-73-4 Part 2: an interrupted chain rolls back; another command in between drops it.
        assertSw(host.raw(new CommandApdu(0x10, 0xDB, 0x3F, 0xFF, Hex.decode("5C 03 5F C1 0B")).encode()), 0x9000,
                "first piece");
        assertThat(host.version()).hasSize(3);
        ResponseApdu orphan = host.raw(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, Hex.decode("53 01 42")).encode());
        assertThat(orphan.sw()).as("a last piece without its first").isNotEqualTo(0x9000);
        assertSw(host.getObject(0x5FC10B), 0x6A82, "nothing was written");
    }
}
