package dev.scbridge.ca;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CA key in a SoftHSM2 token: made there, used there, never out of it. */
class Pkcs11CaSignerTest {
    private static final String SUBJECT = "CN=Token Logon CA,O=Example";

    @ParameterizedTest
    @EnumSource(value = CaKeyType.class, names = {"RSA_2048", "P256"})
    void initInToken_issuesAndSignsCrls_keyStaysInTheToken(CaKeyType type, @TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Pkcs11Token token = hsm.token(SoftHsm.label("ca-" + type.code()));
        Path dir = tmp.resolve("ca");
        CaStore made = CaStore.initPkcs11(dir, token, type, SUBJECT, Duration.ofDays(365), SoftHsm.PIN.toCharArray(),
                new SecureRandom());
        assertThat(made.pkcs11()).contains(token);
        assertThat(dir.resolve(CaStore.KEY_FILE)).doesNotExist();
        String descriptor = Files.readString(dir.resolve(CaStore.PKCS11_FILE));
        assertThat(descriptor).contains("slot=" + hsm.slot(), "key-label=" + token.keyLabel())
                .doesNotContain(SoftHsm.PIN);

        CaStore store = CaStore.at(dir);
        assertThat(store.pkcs11()).contains(token);
        X509Certificate caCert = store.certificate();
        caCert.verify(caCert.getPublicKey());
        assertThat(CaKeyType.of(caCert.getPublicKey())).isEqualTo(type);

        Pkcs11CaSigner signer = store.unlockToken(SoftHsm.PIN.toCharArray());
        assertThat(signer.keyType()).isEqualTo(type);
        // CKA_SENSITIVE and not CKA_EXTRACTABLE: the handle has no encoding, SunPKCS11 says so.
        assertThat(signer.keyHandle().getEncoded()).isNull();
        assertThat(signer.keyHandle().toString()).contains("token object", "sensitive", "unextractable");
        assertThat(signer.toString()).doesNotContain(SoftHsm.PIN);

        CertificateAuthority ca = CertificateAuthority.builder().signer(signer).certificate(caCert).build();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        X509Certificate user = ca.issue(UserIdentity.of("alice", "corp.example.com", null),
                g.generateKeyPair().getPublic());
        user.verify(caCert.getPublicKey());

        store.revoke(user.getSerialNumber(), Instant.now());
        CaStore.SignedCrl signed = store.crl(signer, Instant.now(), Duration.ofDays(7));
        X509CRL crl = signed.crl();
        crl.verify(caCert.getPublicKey());
        assertThat(crl.isRevoked(user)).isTrue();
    }

    @Test
    void wrongPin_failsInOneLineWithoutThePin(@TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Pkcs11Token token = new Pkcs11Token(SoftHsm.MODULE, hsm.neverLoggedInSlot(), "any");
        String wrong = "not-the-pin-1234";
        assertThatThrownBy(() -> Pkcs11CaSigner.open(token, wrong.toCharArray()))
                .isInstanceOf(CaException.class)
                .hasMessageContaining("slot " + hsm.neverLoggedInSlot())
                .hasMessageEndingWith("cannot log in: wrong PIN (CKR_PIN_INCORRECT)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain("\n"));
    }

    @Test
    void missingModule_failsInOneLine(@TempDir Path tmp) {
        SoftHsm hsm = SoftHsm.require();
        Pkcs11Token token = new Pkcs11Token(tmp.resolve("no-such-pkcs11.so"), hsm.slot(), "x");
        assertThatThrownBy(() -> CaStore.initPkcs11(tmp.resolve("ca"), token, CaKeyType.P256, SUBJECT,
                Duration.ofDays(30), SoftHsm.PIN.toCharArray(), new SecureRandom()))
                .isInstanceOf(CaException.class)
                .hasMessageContaining("cannot use the PKCS#11 module")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(tmp.resolve("ca")).doesNotExist();
    }

    @Test
    void labelInUse_isRefused(@TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Pkcs11Token token = hsm.token(SoftHsm.label("twice"));
        CaStore.initPkcs11(tmp.resolve("a"), token, CaKeyType.P256, SUBJECT, Duration.ofDays(30),
                SoftHsm.PIN.toCharArray(), new SecureRandom());
        assertThatThrownBy(() -> CaStore.initPkcs11(tmp.resolve("b"), token, CaKeyType.P256, SUBJECT,
                Duration.ofDays(30), SoftHsm.PIN.toCharArray(), new SecureRandom()))
                .isInstanceOf(CaException.class)
                .hasMessageContaining("already holds '" + token.keyLabel() + "'");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void tokenCa_refusesAPassphrase_fileCa_refusesAPin(@TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path dir = tmp.resolve("ca");
        CaStore.initPkcs11(dir, hsm.token(SoftHsm.label("kinds")), CaKeyType.P256, SUBJECT, Duration.ofDays(30),
                SoftHsm.PIN.toCharArray(), new SecureRandom());
        assertThatThrownBy(() -> CaStore.at(dir).unlock("a passphrase".toCharArray()))
                .isInstanceOf(CaStoreException.class).hasMessageContaining("PKCS#11 token");
        Path fileCa = TestCa.copyTo(tmp);
        assertThatThrownBy(() -> CaStore.at(fileCa).unlockToken(SoftHsm.PIN.toCharArray()))
                .isInstanceOf(CaStoreException.class).hasMessageContaining("unlock it with its passphrase");
    }

    @Test
    void descriptor_roundTripsAndRejectsJunk(@TempDir Path tmp) throws Exception {
        Pkcs11Token t = new Pkcs11Token(Path.of("/usr/lib/x.so"), 42, "scbridge-ca");
        assertThat(Pkcs11Token.parse(tmp, t.format())).isEqualTo(t);
        assertThatThrownBy(() -> Pkcs11Token.parse(tmp, "module=/x.so\nslot=1\n".getBytes()))
                .isInstanceOf(CaStoreException.class).hasMessageContaining("needs exactly");
        assertThatThrownBy(() -> Pkcs11Token.parse(tmp, "module=/x.so\nslot=-1\nkey-label=a\n".getBytes()))
                .isInstanceOf(CaStoreException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Pkcs11Token(Path.of("/x.so"), 1, "two words"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
