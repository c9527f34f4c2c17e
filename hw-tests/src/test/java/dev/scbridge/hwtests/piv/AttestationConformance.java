package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.CertificateContainer;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * YubiKey ATTEST (INS F9) and IMPORT KEY (INS FE), facts/piv.md sections 6 and 10: a statement per generated key,
 * signed by the F9 key whose certificate is object 5FFF01, with Yubico's extensions; none for imported keys.
 */
abstract class AttestationConformance extends ConformanceBase {
    private static final String ARC = "1.3.6.1.4.1.41482.3.";

    private ResponseApdu attest(PivKeyRef slot) {
        // yubico-piv-tool ykpiv_attest: 00 F9 <slot> 00, Le 00; the answer comes in 61xx pieces.
        return host.send(new CommandApdu(0x00, 0xF9, slot.code(), 0x00, null, 256));
    }

    @Test
    void attestation_ofAGeneratedKey_chainsToTheF9Certificate() throws Exception {
        assumeFirmware(4, 3, "attestation");
        host.authenticateDefault();
        // Explicit policies so the .8 extension has one right answer: PIN once (02), touch never (01).
        PublicKey key = PublicKeys.fromTemplate(PivAlgorithm.ECC_P256, host.expect(host.generate(
                PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, new Tlv(0xAA, new byte[] {2}),
                new Tlv(0xAB, new byte[] {1})), 0x9000, "GENERATE").data());
        host.reset();
        host.select();
        // No authentication needed (yubico-piv-tool's auth list).
        ResponseApdu r = attest(PivKeyRef.AUTHENTICATION);
        assertSw(r, 0x9000, "ATTEST 9A");
        assertThat(r.data()[0]).as("raw DER, no 53/70 wrapper").isEqualTo((byte) 0x30);
        X509Certificate statement = TestCertificates.parse(r.data());
        X509Certificate f9 = TestCertificates.parse(
                CertificateContainer.decode(host.readObject(0x5FFF01)).certificateDer());

        assertThat(statement.getPublicKey().getEncoded()).isEqualTo(key.getEncoded());
        assertThat(statement.getSubjectX500Principal().getName()).isEqualTo("CN=YubiKey PIV Attestation 9a");
        assertThat(statement.getIssuerX500Principal()).isEqualTo(f9.getSubjectX500Principal());
        statement.verify(f9.getPublicKey());

        // Extension values are the raw bytes inside extnValue (ykcs11 do_parse_attestation; .NET RawData).
        assertThat(extension(statement, "3")).isEqualTo(host.version());
        assertThat(Hex.spaced(extension(statement, "8"))).isEqualTo("02 01");
        assertThat(extension(statement, "9")).hasSize(1);
        if ((host.version()[0] & 0xFF) >= 5) {
            byte[] serial = host.expect(host.raw("00 F8 00 00 00"), 0x9000, "GET SERIAL").data();
            byte[] integer = extension(statement, "7");
            assertThat(integer[0]).as(".7 is a DER INTEGER").isEqualTo((byte) 0x02);
            assertThat(new BigInteger(Arrays.copyOfRange(integer, 2, integer.length)))
                    .isEqualTo(new BigInteger(1, serial));
        }
    }

    /** The contents of the extension's extnValue OCTET STRING. */
    private static byte[] extension(X509Certificate c, String leaf) {
        byte[] octetString = c.getExtensionValue(ARC + leaf);
        assertThat(octetString).as("extension %s%s", ARC, leaf).isNotNull();
        return Tlvs.value(octetString, 0x04);
    }

    @Test
    void attestation_ofAnEmptySlot_is6A80() {
        assumeFirmware(4, 3, "attestation");
        assertSw(attest(PivKeyRef.SIGNATURE), 0x6A80, "ATTEST empty 9C");
    }

    @Test
    void importedKey_signsButIsNotAttested() throws Exception {
        assumeFirmware(4, 3, "attestation");
        host.authenticateDefault();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        byte[] s = new byte[32];
        byte[] raw = ((ECPrivateKey) pair.getPrivate()).getS().toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, s, 32 - n, n);
        // Yubico .NET SDK import-asym.md: 00 FE <alg> <slot> {06 s}.
        byte[] data = new Tlv(0x06, s).encode();
        assertSw(host.raw(new CommandApdu(0x00, 0xFE, 0x11, 0x9D, data).encode()), 0x9000, "IMPORT KEY P-256");
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        byte[] message = {1, 2, 3};
        assertThat(PublicKeys.verifies(PivAlgorithm.ECC_P256, pair.getPublic(), message,
                host.sign(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P256,
                        PublicKeys.signingInput(PivAlgorithm.ECC_P256, message)))).isTrue();
        // Only keys generated on the card are attested (yubico-piv-tool doc/Attestation.adoc; yubikit).
        assertSw(attest(PivKeyRef.KEY_MANAGEMENT), 0x6A80, "ATTEST imported 9D");
        if (host.versionNumber() >= 50300) {
            assertThat(Hex.spaced(Arrays.copyOf(host.metadata(0x9D).data(), 10)))
                    .as("metadata origin 02 = imported").endsWith("03 01 02");
        }
    }

    @Test
    void attestationCertificate_isReadableWithoutAuthentication_andMatchesTheF9Key() throws Exception {
        assumeFirmware(5, 3, "GET METADATA of F9");
        X509Certificate f9 = TestCertificates.parse(
                CertificateContainer.decode(host.readObject(0x5FFF01)).certificateDer());
        ResponseApdu m = host.expect(host.metadata(0xF9), 0x9000, "GET METADATA F9");
        PivAlgorithm alg = PivAlgorithm.fromCode(Tlvs.value(m.data(), 0x01)[0] & 0xFF);
        assertThat(PublicKeys.fromContents(alg, Tlvs.value(m.data(), 0x04)).getEncoded())
                .isEqualTo(f9.getPublicKey().getEncoded());
    }
}
