package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.security.PublicKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * YubiKey MOVE KEY (INS F6, firmware 5.7): P1 destination ({@code FF} deletes), P2 source; 6A80 when the destination
 * holds a key, 6A88 when the source is empty, 6982 without the management key (facts/piv.md section 6; yubico-piv-tool
 * ykpiv_move_key, yubikit, ykman).
 */
abstract class MoveKeyConformance extends ConformanceBase {
    private static final byte[] MESSAGE = {1, 2, 3};

    @BeforeEach
    void needsMoveKey() {
        assumeFirmware(5, 7, "MOVE KEY");
    }

    @Test
    void moveKey_theKeySignsFromItsNewSlot() {
        host.authenticateDefault();
        PublicKey key = host.generateKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256);
        assertSw("00 F6 9D 9A", 0x9000, "MOVE 9A to 9D");
        assertSw(host.metadata(0x9A), 0x6A88, "metadata of the emptied 9A");
        assertThat(PublicKeys.fromContents(PivAlgorithm.ECC_P256,
                Tlvs.value(host.metadata(0x9D).data(), 0x04)).getEncoded()).isEqualTo(key.getEncoded());
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        assertThat(PublicKeys.verifies(PivAlgorithm.ECC_P256, key, MESSAGE, host.sign(PivKeyRef.KEY_MANAGEMENT,
                PivAlgorithm.ECC_P256, PublicKeys.signingInput(PivAlgorithm.ECC_P256, MESSAGE)))).isTrue();
    }

    @Test
    void deleteKey_emptiesTheSlot() {
        host.authenticateDefault();
        host.generateKey(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P256);
        assertSw("00 F6 FF 9E", 0x9000, "DELETE 9E");
        assertSw(host.metadata(0x9E), 0x6A88, "metadata of the deleted 9E");
        assertSw(host.authenticateWithKey(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P256, new byte[32]), 0x6A80,
                "sign with the deleted key");
    }

    @Test
    void moveKey_refusals() {
        assertSw("00 F6 9D 9A", 0x6982, "MOVE without the management key");
        host.authenticateDefault();
        assertSw("00 F6 9D 9A", 0x6A88, "MOVE from an empty slot");
        host.generateKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256);
        host.generateKey(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P256);
        assertSw("00 F6 9D 9A", 0x6A80, "MOVE onto an occupied slot");
    }
}
