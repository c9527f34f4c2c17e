package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/**
 * GENERATE ASYMMETRIC KEY PAIR as yubico-piv-tool parses it (fixed offsets), private-key use of each generated key,
 * and GET METADATA of keys and reference data (facts/piv.md sections 3, 5, 6).
 */
abstract class KeyConformance extends ConformanceBase {
    private static final byte[] MESSAGE = "scbridge PIV conformance".getBytes(StandardCharsets.US_ASCII);

    @Test
    void generate_rsa2048P256P384_inTheLayoutYubicoPivToolParses() {
        host.authenticateDefault();
        ResponseApdu rsa = host.generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.RSA2048);
        assertSw(rsa, 0x9000, "GENERATE RSA-2048");
        // 7F 49 82 01 09 {81 82 01 00 <modulus>, 82 03 01 00 01}: 81 before 82 (yubico-piv-tool util.c).
        assertThat(Hex.spaced(Arrays.copyOf(rsa.data(), 9))).isEqualTo("7F 49 82 01 09 81 82 01 00");
        assertThat(Hex.spaced(Arrays.copyOfRange(rsa.data(), 265, 270))).isEqualTo("82 03 01 00 01");
        for (PivAlgorithm ec : new PivAlgorithm[] {PivAlgorithm.ECC_P256, PivAlgorithm.ECC_P384}) {
            ResponseApdu r = host.generate(PivKeyRef.SIGNATURE, ec);
            assertSw(r, 0x9000, "GENERATE " + ec);
            // 7F 49 <1-byte length> 86 <41|61> 04 X Y.
            int point = 1 + 2 * ec.elementLength();
            assertThat(Hex.spaced(Arrays.copyOf(r.data(), 6))).isEqualTo(Hex.spaced(new byte[] {
                0x7F, 0x49, (byte) (point + 2), (byte) 0x86, (byte) point, 0x04}));
            assertThat(r.data()).hasSize(5 + point);
        }
    }

    @Test
    void generatedKeys_signAndTheSignaturesVerify() {
        host.authenticateDefault();
        signAndVerify(PivKeyRef.AUTHENTICATION, PivAlgorithm.RSA2048);
        signAndVerify(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P256);
        signAndVerify(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P384);
    }

    @Test
    void generate_rsa3072AndRsa4096_signAndVerify() {
        assumeFirmware(5, 7, "RSA-3072/4096");
        host.authenticateDefault();
        signAndVerify(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.RSA3072);
        signAndVerify(PivKeyRef.CARD_AUTH, PivAlgorithm.RSA4096);
    }

    private void signAndVerify(PivKeyRef slot, PivAlgorithm alg) {
        PublicKey key = host.generateKey(slot, alg);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        byte[] signature = host.sign(slot, alg, PublicKeys.signingInput(alg, MESSAGE));
        if (alg.isRsa()) {
            assertThat(signature).as("raw RSA is modulus-length").hasSize(alg.elementLength());
        }
        assertThat(PublicKeys.verifies(alg, key, MESSAGE, signature)).as("%s signature in %s", alg, slot).isTrue();
    }

    @Test
    void ecdh_givesTheSharedSecretsXCoordinate() throws Exception {
        host.authenticateDefault();
        PublicKey cardKey = host.generateKey(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P256);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair peer = g.generateKeyPair();
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(peer.getPrivate());
        ka.doPhase(cardKey, true);
        byte[] point = new byte[65];
        point[0] = 0x04;
        ECPublicKey p = (ECPublicKey) peer.getPublic();
        System.arraycopy(fixed(p.getW().getAffineX().toByteArray()), 0, point, 1, 32);
        System.arraycopy(fixed(p.getW().getAffineY().toByteArray()), 0, point, 33, 32);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        // 7C{82 00, 85 point} (Yubico .NET SDK auth-key-agree.md).
        byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x85, point)).encode();
        ResponseApdu r = host.send(new CommandApdu(0, 0x87, 0x11, 0x9D, template, 256));
        assertSw(r, 0x9000, "ECDH with 9D");
        assertThat(Tlvs.value(r.data(), 0x7C, 0x82)).isEqualTo(ka.generateSecret());
    }

    private static byte[] fixed(byte[] unsigned) {
        byte[] out = new byte[32];
        int n = Math.min(unsigned.length, 32);
        System.arraycopy(unsigned, unsigned.length - n, out, 32 - n, n);
        return out;
    }

    @Test
    void metadata_ofPinPukAndManagementKey_onAFactoryDefaultCard() {
        assumeFirmware(5, 3, "GET METADATA");
        // Yubico .NET SDK metadata.md: 01 01 FF | 05 01 01 (default value) | 06 02 total remaining.
        assertThat(Hex.spaced(host.metadata(0x80).encode())).isEqualTo("01 01 FF 05 01 01 06 02 03 03 90 00");
        assertThat(Hex.spaced(host.metadata(0x81).encode())).isEqualTo("01 01 FF 05 01 01 06 02 03 03 90 00");
        // 9B: 3DES (03) up to 5.6, AES-192 (0A) from 5.7 (facts/piv.md 8); the default flag set either way.
        assertThat(Hex.spaced(host.metadata(0x9B).encode())).isIn(
                "01 01 03 02 02 00 01 05 01 01 90 00", "01 01 0A 02 02 00 01 05 01 01 90 00");
    }

    @Test
    void metadata_ofAGeneratedKey_matchesTheGenerateAnswer() {
        assumeFirmware(5, 3, "GET METADATA");
        host.authenticateDefault();
        ResponseApdu generated = host.generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256);
        assertSw(generated, 0x9000, "GENERATE P-256");
        ResponseApdu m = host.metadata(0x9A);
        assertSw(m, 0x9000, "GET METADATA 9A");
        // 01 01 11 | 02 02 02 01 (PIN once, touch never) | 03 01 01 (generated) | 04 <7F49 contents>.
        assertThat(Hex.spaced(Arrays.copyOf(m.data(), 10))).isEqualTo("01 01 11 02 02 02 01 03 01 01");
        assertThat(Tlvs.value(m.data(), 0x04)).isEqualTo(Tlvs.value(generated.data(), 0x7F49));
    }

    @Test
    void generateWithPolicies_isReportedAndEnforced() {
        assumeFirmware(5, 3, "GET METADATA");
        host.authenticateDefault();
        // AA 03 (PIN always), AB 01 (touch never: a hardware run has nobody to touch the key).
        PublicKey key = PublicKeys.fromTemplate(PivAlgorithm.ECC_P256, host.expect(host.generate(
                PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, new Tlv(0xAA, new byte[] {3}),
                new Tlv(0xAB, new byte[] {1})), 0x9000, "GENERATE with policies").data());
        assertThat(Hex.spaced(Arrays.copyOf(host.metadata(0x9A).data(), 7))).isEqualTo("01 01 11 02 02 03 01");
        byte[] input = PublicKeys.signingInput(PivAlgorithm.ECC_P256, MESSAGE);
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        assertThat(PublicKeys.verifies(PivAlgorithm.ECC_P256, key, MESSAGE,
                host.sign(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, input))).isTrue();
        assertSw(host.authenticateWithKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, input), 0x6982,
                "second use of a PIN-always key");
    }

    @Test
    void metadata_ofAnEmptySlot_is6A88() {
        assumeFirmware(5, 3, "GET METADATA");
        // Yubico .NET SDK metadata.md; ykman _list_keys reads 6A88 as "no key".
        assertSw(host.metadata(0x9C), 0x6A88, "GET METADATA of empty 9C");
    }
}
