package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.CommandChaining;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.Ccc;
import dev.scbridge.apdu.piv.CertificateContainer;
import dev.scbridge.apdu.piv.Chuid;
import dev.scbridge.apdu.piv.DiscoveryObject;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET DATA / PUT DATA as yubico-piv-tool uses them (facts/piv.md sections 3 and 7): a certificate imported in
 * 255-byte chained pieces, CHUID and CCC in the tool's layout decoded back with the apdu types, deletion, the
 * discovery object, and the read rules.
 */
abstract class ObjectConformance extends ConformanceBase {
    private final SecureRandom random = new SecureRandom();

    @Test
    void importCertificate_inChained255BytePieces_readsBack() throws Exception {
        host.authenticateDefault();
        PublicKey key = host.generateKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256);
        X509Certificate certificate = TestCertificates.logonCertificate(key, "alice");
        // yubico-piv-tool ykpiv_util_write_cert: 53 { 70 cert, 71 01 00, FE 00 }.
        byte[] container = CertificateContainer.of(certificate.getEncoded()).encode();
        byte[] data = PivHost.concat(new Tlv(0x5C, Tlv.tagBytes(0x5FC105)).encode(), new Tlv(0x53, container).encode());
        List<CommandApdu> pieces = CommandChaining.split(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, data), 255);
        assertThat(pieces).hasSizeGreaterThan(1);
        for (int i = 0; i < pieces.size(); i++) {
            byte[] apdu = pieces.get(i).encode();
            boolean last = i == pieces.size() - 1;
            // Non-final pieces: CLA 10, Lc FF; each must answer 9000.
            assertThat(Hex.spaced(Arrays.copyOf(apdu, 5))).isEqualTo(last
                    ? String.format("00 DB 3F FF %02X", apdu.length - 5) : "10 DB 3F FF FF");
            assertSw(host.raw(apdu), 0x9000, "PUT DATA piece " + (i + 1) + "/" + pieces.size());
        }
        CertificateContainer back = CertificateContainer.decode(host.readObject(0x5FC105));
        assertThat(back.certificateDer()).isEqualTo(certificate.getEncoded());
        assertThat(back.isCompressed()).isFalse();
    }

    @Test
    void chuidAndCcc_inYubicoPivToolsLayout_decodeBack() throws Exception {
        host.authenticateDefault();
        Chuid chuid = Chuid.generate(random);
        byte[] id = new byte[Ccc.YUBICO_RANDOM_LENGTH];
        random.nextBytes(id);
        Ccc ccc = Ccc.yubicoStyle(id);
        assertSw(host.putObject(0x5FC102, chuid.encode()), 0x9000, "PUT DATA CHUID");
        assertSw(host.putObject(0x5FC107, ccc.encode()), 0x9000, "PUT DATA CCC");
        host.reset();
        host.select();
        byte[] chuidBack = host.readObject(0x5FC102);
        byte[] cccBack = host.readObject(0x5FC107);
        // yubico-piv-tool util.c: a 59-byte CHUID; ykpiv_util_get_cccid requires exactly 51 bytes.
        assertThat(chuidBack).hasSize(59);
        assertThat(cccBack).hasSize(51);
        assertThat(Chuid.decode(chuidBack)).isEqualTo(chuid);
        assertThat(Ccc.decode(cccBack)).isEqualTo(ccc);
    }

    @Test
    void deleteWith5300_thenGetDataIs6A82() {
        host.authenticateDefault();
        assertSw(host.putObject(0x5FC10B, new byte[] {0x70, 0x01, 0x30}), 0x9000, "PUT DATA 5FC10B");
        // yubico-piv-tool delete-certificate: 53 00; ykman treats only 6A82 as absent.
        assertSw(host.putObject(0x5FC10B, new byte[0]), 0x9000, "PUT DATA 5FC10B 53 00");
        assertSw(host.getObject(0x5FC10B), 0x6A82, "GET DATA deleted 5FC10B");
    }

    @Test
    void discoveryObject_isTheYubikeyValue_unwrapped() throws Exception {
        // Yubico .NET SDK "Encoded discovery": 7E 12 {4F 0B <AID>} {5F 2F 02 40 00}, no 53 wrapper.
        ResponseApdu r = host.raw("00 CB 3F FF 03 5C 01 7E 00");
        assertSw(r, 0x9000, "GET DATA 7E");
        assertThat(Hex.spaced(r.data()))
                .isEqualTo("7E 12 4F 0B A0 00 00 03 08 00 00 10 00 01 00 5F 2F 02 40 00");
        assertThat(DiscoveryObject.decode(r.data())).isEqualTo(DiscoveryObject.yubikeyDefault());
    }

    @Test
    void printedInformation_needsThePin() {
        host.authenticateDefault();
        assertSw(host.putObject(0x5FC109, new byte[] {0x01, 0x01, 0x41}), 0x9000, "PUT DATA 5FC109");
        host.reset();
        host.select();
        // Yubico .NET SDK get-and-put-data.md: 5FC103, 5FC108, 5FC109 and 5FC121 need the PIN.
        assertSw(host.getObject(0x5FC109), 0x6982, "GET DATA 5FC109 without PIN");
        host.verifyPinOk(PivHost.DEFAULT_PIN);
        assertThat(host.readObject(0x5FC109)).containsExactly(0x01, 0x01, 0x41);
    }

    @Test
    void pairingCodeAndYubicoObjects_areFreeToRead() {
        host.authenticateDefault();
        // Yubico .NET SDK piv-objects.md: 5FC123 is free on a YubiKey; any 5F0000-5FFFFF id is storable.
        for (int id : new int[] {0x5FC123, 0x5FFF10, 0x5F0001}) {
            assertSw(host.putObject(id, new byte[] {0x42}), 0x9000, String.format("PUT DATA %X", id));
        }
        host.reset();
        host.select();
        for (int id : new int[] {0x5FC123, 0x5FFF10, 0x5F0001}) {
            assertThat(host.readObject(id)).as("%X without PIN", id).containsExactly(0x42);
        }
    }

    @Test
    void largeObject_readsBackWholeThrough61xx() {
        host.authenticateDefault();
        // The largest object yubico-piv-tool writes (internal.h CB_OBJ_MAX 3063).
        byte[] big = new byte[3063];
        random.nextBytes(big);
        assertSw(host.putObject(0x5FC10A, big), 0x9000, "PUT DATA 3063 bytes");
        assertThat(host.readObject(0x5FC10A)).isEqualTo(big);
    }
}
