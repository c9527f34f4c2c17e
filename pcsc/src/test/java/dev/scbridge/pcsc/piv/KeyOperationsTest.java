package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GENERATE, IMPORT KEY, ATTEST, MOVE/DELETE KEY and GET METADATA against the software card. */
class KeyOperationsTest {
    private final PivCard card = PivCard.builder().build();

    @Test
    void generate_withoutManagementKey_throwsSecurityStatus() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.keys().generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256,
                PinPolicy.DEFAULT, TouchPolicy.DEFAULT)).isInstanceOf(SecurityStatusNotSatisfiedException.class);
    }

    @Test
    void generate_reportsPolicyAndKeyInMetadata() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        PublicKey pub = piv.keys().generate(PivKeyRef.SIGNATURE, PivAlgorithm.ECC_P256, PinPolicy.ALWAYS,
                TouchPolicy.NEVER);
        KeyMetadata m = piv.metadata().key(PivKeyRef.SIGNATURE);
        assertThat(m).isEqualTo(new KeyMetadata(PivAlgorithm.ECC_P256, PinPolicy.ALWAYS, TouchPolicy.NEVER, true,
                pub));
    }

    @Test
    void importEcKey_signsVerifiably_andIsImported() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        PivClient piv = TestCards.authenticated(card);
        assertThat(piv.keys().importKey(PivKeyRef.CARD_AUTH, pair.getPrivate(), PinPolicy.NEVER, TouchPolicy.NEVER))
                .isEqualTo(PivAlgorithm.ECC_P256);
        byte[] sig = piv.crypto().signEcdsa(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P256,
                MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3}));
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(pair.getPublic());
        v.update(new byte[] {1, 2, 3});
        assertThat(v.verify(sig)).isTrue();
        KeyMetadata m = piv.metadata().key(PivKeyRef.CARD_AUTH);
        assertThat(m.generated()).isFalse();
        assertThat(m.publicKey()).isEqualTo(pair.getPublic());
        assertThatThrownBy(() -> piv.keys().attest(PivKeyRef.CARD_AUTH)).isInstanceOf(IncorrectDataException.class);
    }

    @Test
    void importRsaKey_publicKeyInMetadata() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair pair = g.generateKeyPair();
        PivClient piv = TestCards.authenticated(card);
        assertThat(piv.keys().importKey(PivKeyRef.RETIRED_1, pair.getPrivate(), PinPolicy.DEFAULT,
                TouchPolicy.DEFAULT)).isEqualTo(PivAlgorithm.RSA1024);
        assertThat(piv.metadata().key(PivKeyRef.RETIRED_1).publicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void attest_certifiesTheGeneratedKey() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        PublicKey pub = piv.keys().generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, PinPolicy.DEFAULT,
                TouchPolicy.DEFAULT);
        X509Certificate att = piv.keys().attest(PivKeyRef.AUTHENTICATION);
        assertThat(att.getPublicKey()).isEqualTo(pub);
        assertThat(att.getSubjectX500Principal().getName()).contains("YubiKey PIV Attestation 9a");
    }

    @Test
    void attest_emptySlot_throwsIncorrectData() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.keys().attest(PivKeyRef.KEY_MANAGEMENT))
                .isInstanceOf(IncorrectDataException.class);
    }

    @Test
    void moveAndDelete() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        PublicKey pub = piv.keys().generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, PinPolicy.DEFAULT,
                TouchPolicy.DEFAULT);
        piv.keys().moveKey(PivKeyRef.AUTHENTICATION, PivKeyRef.RETIRED_2);
        assertThat(piv.metadata().key(PivKeyRef.RETIRED_2).publicKey()).isEqualTo(pub);
        assertThatThrownBy(() -> piv.metadata().key(PivKeyRef.AUTHENTICATION))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.sw()).isEqualTo(0x6A88));
        piv.keys().deleteKey(PivKeyRef.RETIRED_2);
        assertThatThrownBy(() -> piv.metadata().key(PivKeyRef.RETIRED_2)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> piv.keys().deleteKey(PivKeyRef.RETIRED_2)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void nonKeySlots_areCallerErrors() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.keys().attest(PivKeyRef.PIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
