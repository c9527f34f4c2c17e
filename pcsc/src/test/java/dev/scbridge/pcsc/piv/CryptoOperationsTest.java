package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signing, decryption and ECDH through GENERAL AUTHENTICATE, checked with the JDK's own crypto. */
class CryptoOperationsTest {
    private static final byte[] MESSAGE = "scbridge".getBytes(StandardCharsets.US_ASCII);
    private final PivCard card = PivCard.builder().build();

    @Test
    void rsaPkcs1Signature_verifiesWithTheGeneratedKey() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        PublicKey pub = piv.keys().generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.RSA2048, PinPolicy.DEFAULT,
                TouchPolicy.DEFAULT);
        piv.pins().verifyPin(Pin.defaultPin());
        byte[] sig = piv.crypto().signRsaPkcs1(PivKeyRef.AUTHENTICATION, PivAlgorithm.RSA2048, "SHA-256",
                MessageDigest.getInstance("SHA-256").digest(MESSAGE));
        assertThat(sig).hasSize(256);
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(pub);
        v.update(MESSAGE);
        assertThat(v.verify(sig)).isTrue();
    }

    @Test
    void ecdsaSignature_verifies() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        PublicKey pub = piv.keys().generate(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P384, PinPolicy.DEFAULT,
                TouchPolicy.DEFAULT);
        byte[] sig = piv.crypto().signEcdsa(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P384,
                MessageDigest.getInstance("SHA-384").digest(MESSAGE));
        Signature v = Signature.getInstance("SHA384withECDSA");
        v.initVerify(pub);
        v.update(MESSAGE);
        assertThat(v.verify(sig)).isTrue();
    }

    @Test
    void sign_withoutPin_throwsSecurityStatus() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        piv.keys().generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, PinPolicy.DEFAULT, TouchPolicy.DEFAULT);
        assertThatThrownBy(() -> piv.crypto().signEcdsa(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256,
                new byte[32])).isInstanceOf(SecurityStatusNotSatisfiedException.class);
    }

    @Test
    void sign_emptySlot_throwsIncorrectData() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.crypto().signEcdsa(PivKeyRef.CARD_AUTH, PivAlgorithm.ECC_P256, new byte[32]))
                .isInstanceOf(IncorrectDataException.class);
    }

    @Test
    void decipherPkcs1_returnsThePlaintext() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        PublicKey pub = piv.keys().generate(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.RSA1024, PinPolicy.DEFAULT,
                TouchPolicy.DEFAULT);
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, pub);
        byte[] ct = c.doFinal(MESSAGE);
        piv.pins().verifyPin(Pin.defaultPin());
        assertThat(piv.crypto().decipherPkcs1(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.RSA1024, ct))
                .isEqualTo(MESSAGE);
    }

    @Test
    void ecdh_matchesTheJdkAgreement() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        PublicKey cardKey = piv.keys().generate(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P256, PinPolicy.DEFAULT,
                TouchPolicy.DEFAULT);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair peer = g.generateKeyPair();
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(peer.getPrivate());
        ka.doPhase(cardKey, true);
        piv.pins().verifyPin(Pin.defaultPin());
        assertThat(piv.crypto().ecdh(PivKeyRef.KEY_MANAGEMENT, PivAlgorithm.ECC_P256, (ECPublicKey) peer.getPublic()))
                .isEqualTo(ka.generateSecret());
    }

    @Test
    void pkcs1Block_forSha256_isTheRfc8017Encoding() {
        byte[] block = Pkcs1.signatureBlock("SHA-256", new byte[32], 128);
        assertThat(block[0]).isZero();
        assertThat(block[1]).isEqualTo((byte) 1);
        assertThat(dev.scbridge.apdu.Hex.plain(java.util.Arrays.copyOfRange(block, 128 - 51, 128 - 32)))
                .isEqualTo("3031300D060960864801650304020105000420");
        assertThatThrownBy(() -> Pkcs1.signatureBlock("MD5", new byte[16], 128))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pkcs1Unpad_rejectsAWrongBlock() {
        assertThatThrownBy(() -> Pkcs1.unpadEncryption(new byte[128])).isInstanceOf(BadResponseException.class);
    }
}
