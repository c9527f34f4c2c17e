package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.piv.Ccc;
import dev.scbridge.apdu.piv.DiscoveryObject;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GET DATA / PUT DATA and certificates against the software card (SP 800-73-4 Part 2, 3.1.2, 3.3.2). */
class ObjectOperationsTest {
    private final PivCard card = PivCard.builder().build();

    @Test
    void chuidAndDiscovery_readTyped() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThat(piv.objects().readChuid().guid()).hasSize(16);
        assertThat(piv.objects().readDiscovery()).isEqualTo(DiscoveryObject.yubikeyDefault());
    }

    @Test
    void absentObject_throwsNotFound() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.objects().read(PivObjectId.CERT_DIGITAL_SIGNATURE))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.sw()).isEqualTo(0x6A82));
    }

    @Test
    void write_withoutManagementKey_throwsSecurityStatus() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.objects().write(0x5FC109, new byte[] {1}))
                .isInstanceOf(SecurityStatusNotSatisfiedException.class);
    }

    @Test
    void largeObject_isChainedIn255BytePieces_andReadBackThrough61xx() throws Exception {
        TestCards.Recording transport = new TestCards.Recording(card);
        PivClient piv = PivClient.open(transport);
        piv.admin().authenticate(ManagementKey.defaultKey(PivAlgorithm.TDES));
        byte[] big = new byte[3000];
        Arrays.fill(big, (byte) 0x5A);
        piv.objects().write(0x5FFF20, big);
        assertThat(transport.sent).allSatisfy(c -> assertThat(c.nc()).isLessThanOrEqualTo(255));
        assertThat(transport.sent).anyMatch(CommandApdu::isChained);
        assertThat(piv.objects().read(0x5FFF20)).isEqualTo(big);
        assertThat(transport.sent).anyMatch(c -> c.ins() == 0xC0);
        piv.objects().delete(0x5FFF20);
        assertThatThrownBy(() -> piv.objects().read(0x5FFF20)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void ccc_writeAndRead() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        Ccc ccc = Ccc.yubicoStyle(new byte[Ccc.YUBICO_RANDOM_LENGTH]);
        piv.objects().writeCcc(ccc);
        assertThat(piv.objects().readCcc()).isEqualTo(ccc);
    }

    @Test
    void certificate_plainAndGzip_roundTrip() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        piv.keys().generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, PinPolicy.DEFAULT, TouchPolicy.DEFAULT);
        X509Certificate cert = piv.keys().attest(PivKeyRef.AUTHENTICATION);
        piv.objects().writeCertificate(PivKeyRef.AUTHENTICATION, cert, false);
        assertThat(piv.objects().readCertificate(PivKeyRef.AUTHENTICATION)).isEqualTo(cert);
        piv.objects().writeCertificate(PivKeyRef.KEY_MANAGEMENT, cert, true);
        assertThat(piv.objects().readCertificate(PivKeyRef.KEY_MANAGEMENT)).isEqualTo(cert);
        piv.objects().deleteCertificate(PivKeyRef.KEY_MANAGEMENT);
        assertThatThrownBy(() -> piv.objects().readCertificate(PivKeyRef.KEY_MANAGEMENT))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void discovery_isNotWritable() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        assertThatThrownBy(() -> piv.objects().write(PivObjectId.DISCOVERY, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
