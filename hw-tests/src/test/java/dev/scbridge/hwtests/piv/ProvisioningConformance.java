package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * How yubico-piv-tool connects and authenticates with the management key (facts/piv.md sections 5, 6, 9): the connect
 * sequence, 9B mutual authentication in the tool's form, OpenSC's single (external) authentication, and SET MANAGEMENT
 * KEY to each AES size and back.
 */
abstract class ProvisioningConformance extends ConformanceBase {
    private final SecureRandom random = new SecureRandom();

    @Test
    void connect_answersTheYubicoPivToolSequence() {
        // yubico-piv-tool ykpiv.c _ykpiv_select_application: SELECT with the 5-byte RID must answer 9000.
        ResponseApdu select = host.raw("00 A4 04 00 05 A0 00 00 03 08");
        assertSw(select, 0x9000, "SELECT RID");
        assertThat(select.data()).startsWith(0x61);
        // Then VERIFY with no data (Le 00), whose answer the tool ignores: the tries left, nothing spent.
        assertSw("00 20 00 80 00", 0x63C3, "VERIFY status");
        ResponseApdu version = host.raw("00 FD 00 00 00");
        assertSw(version, 0x9000, "GET VERSION");
        assertThat(version.data()).hasSize(3);
        if ((version.data()[0] & 0xFF) >= 5) {
            ResponseApdu serial = host.raw("00 F8 00 00 00");
            assertSw(serial, 0x9000, "GET SERIAL");
            assertThat(serial.data()).hasSize(4);
            assertThat(serial.data()[0] & 0x80).as("serial is a positive big-endian int").isZero();
        }
        assertSw("00 20 00 80 00", 0x63C3, "VERIFY status again: still 3 tries");
    }

    @Test
    void defaultManagementKey_mutualAuthenticationInYubicoPivToolsForm() {
        PivAlgorithm alg = host.managementKeyAlgorithm();
        int block = alg.blockSize();
        // yubico-piv-tool: 7C 02 80 00, reads the witness at offset 4 with a 1-byte length equal to the block size.
        ResponseApdu witness = host.authenticateStep(alg, Tlv.of(0x7C, new Tlv(0x80, null)));
        assertSw(witness, 0x9000, "9B witness request");
        assertThat(Hex.spaced(Arrays.copyOf(witness.data(), 4)))
                .isEqualTo(Hex.spaced(new byte[] {0x7C, (byte) (block + 2), (byte) 0x80, (byte) block}));
        byte[] w = PivHost.ecb(alg, PivHost.DEFAULT_MANAGEMENT_KEY, Cipher.DECRYPT_MODE,
                Arrays.copyOfRange(witness.data(), 4, 4 + block));
        byte[] challenge = new byte[block];
        random.nextBytes(challenge);
        // The tool's second step has no 82 00: 7C 14 {80 08 W, 81 08 C} for 3DES.
        ResponseApdu answer = host.authenticateStep(alg, Tlv.of(0x7C, new Tlv(0x80, w), new Tlv(0x81, challenge)));
        assertSw(answer, 0x9000, "9B witness answer");
        assertThat(Tlvs.value(answer.data(), 0x7C, 0x82))
                .isEqualTo(PivHost.ecb(alg, PivHost.DEFAULT_MANAGEMENT_KEY, Cipher.ENCRYPT_MODE, challenge));
        assertSw(host.putObject(0x5FFF10, new byte[] {1, 2, 3}), 0x9000, "PUT DATA once authenticated");
    }

    @Test
    void singleAuthentication_asOpenScSendsIt() {
        PivAlgorithm alg = host.managementKeyAlgorithm();
        // OpenSC piv_get_challenge and Yubico .NET SDK auth-mgmt.md: P1 00, 7C 02 81 00 → 7C L 81 L challenge.
        ResponseApdu challenge = host.raw("00 87 00 9B 04 7C 02 81 00");
        assertSw(challenge, 0x9000, "9B challenge request");
        byte[] c = Tlvs.value(challenge.data(), 0x7C, 0x81);
        assertThat(c).hasSize(alg.blockSize());
        byte[] response = Tlv.of(0x7C, new Tlv(0x82, PivHost.ecb(alg, PivHost.DEFAULT_MANAGEMENT_KEY,
                Cipher.ENCRYPT_MODE, c))).encode();
        assertSw(host.raw(PivHost.concat(Hex.decode("00 87 00 9B"), new byte[] {(byte) response.length}, response)),
                0x9000, "9B encrypted challenge");
        assertSw(host.putObject(0x5FFF10, new byte[] {1, 2, 3}), 0x9000, "PUT DATA once authenticated");
    }

    @Test
    void setManagementKey_toEachAesSize_thenAuthenticatesWithIt() {
        assumeFirmware(5, 4, "an AES management key");
        PivAlgorithm current = host.managementKeyAlgorithm();
        byte[] currentKey = PivHost.DEFAULT_MANAGEMENT_KEY;
        for (PivAlgorithm next : new PivAlgorithm[] {PivAlgorithm.AES192, PivAlgorithm.AES128, PivAlgorithm.AES256,
            PivAlgorithm.TDES}) {
            host.authenticate(current, currentKey);
            byte[] key = new byte[next.keyLength()];
            random.nextBytes(key);
            assertSw(host.setManagementKey(next, key), 0x9000, "SET MANAGEMENT KEY " + next);
            // GET METADATA 9B: 01 algorithm, 02 PIN policy 00 + touch policy 01 (never), 05 default flag 00.
            assertThat(Hex.spaced(host.metadata(0x9B).encode()))
                    .isEqualTo(String.format("01 01 %02X 02 02 00 01 05 01 00 90 00", next.code()));
            host.reset();
            host.select();
            host.authenticate(next, key);
            current = next;
            currentKey = key;
        }
    }

    @Test
    void setManagementKey_oldKeyNoLongerAuthenticates() {
        PivAlgorithm alg = host.managementKeyAlgorithm();
        host.authenticateDefault();
        byte[] key = new byte[alg.keyLength()];
        random.nextBytes(key);
        assertSw(host.setManagementKey(alg, key), 0x9000, "SET MANAGEMENT KEY");
        host.reset();
        host.select();
        ResponseApdu witness = host.authenticateStep(alg, Tlv.of(0x7C, new Tlv(0x80, null)));
        byte[] wrong = PivHost.ecb(alg, PivHost.DEFAULT_MANAGEMENT_KEY, Cipher.DECRYPT_MODE,
                Tlvs.value(witness.data(), 0x7C, 0x80));
        byte[] challenge = new byte[alg.blockSize()];
        assertSw(host.authenticateStep(alg, Tlv.of(0x7C, new Tlv(0x80, wrong), new Tlv(0x81, challenge),
                new Tlv(0x82, null))), 0x6982, "witness decrypted with the old key");
        assertSw(host.putObject(0x5FFF10, new byte[] {1}), 0x6982, "PUT DATA after a failed authentication");
    }
}
