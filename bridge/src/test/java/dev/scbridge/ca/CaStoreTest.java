package dev.scbridge.ca;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.util.PBKDF2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.scbridge.ca.TestKeys.RANDOM;
import static dev.scbridge.ca.TestKeys.USER_P256;
import static dev.scbridge.ca.TestKeys.USER_RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class CaStoreTest {
    static final String PASSPHRASE = TestCa.PASSPHRASE;
    /** The shared RSA CA; tests that change it copy it first. */
    static final Path rsaCa = TestCa.original();

    static Path copyOfCa(Path to) throws Exception {
        return TestCa.copyTo(to);
    }

    static X509Certificate readPemCertificate(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    @Test
    void init_writesOwnerOnlyDirectoryKeyAndState_publicCertificate() throws Exception {
        assertThat(perms(rsaCa)).isEqualTo("rwx------");
        assertThat(perms(rsaCa.resolve("ca.key"))).isEqualTo("rw-------");
        assertThat(perms(rsaCa.resolve("revocations"))).isEqualTo("rw-------");
        assertThat(perms(rsaCa.resolve("ca.crt"))).isEqualTo("rw-r--r--");
        try (var files = Files.list(rsaCa)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.crt", "ca.key",
                    "revocations");
        }
        String key = Files.readString(rsaCa.resolve("ca.key"));
        assertThat(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----").doesNotContain("correct horse");
        X509Certificate cert = readPemCertificate(rsaCa.resolve("ca.crt"));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Example Logon CA,O=Example");
        assertThat(cert.getBasicConstraints()).isZero();
        cert.verify(cert.getPublicKey());
    }

    @Test
    void keyFile_isPbes2Pbkdf2Sha256Aes256() throws Exception {
        String pem = Files.readString(rsaCa.resolve("ca.key"));
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        EncryptedPrivateKeyInfo epki = EncryptedPrivateKeyInfo.getInstance(der);
        assertThat(epki.getEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
        PBES2Parameters p = PBES2Parameters.getInstance(epki.getEncryptionAlgorithm().getParameters());
        assertThat(p.getEncryptionScheme().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
        PBKDF2Params kdf = PBKDF2Params.getInstance(p.getKeyDerivationFunc().getParameters());
        assertThat(kdf.getIterationCount().intValue()).isEqualTo(EncryptedKeyFile.ITERATIONS);
        assertThat(kdf.getPrf()).isEqualTo(PBKDF2Config.PRF_SHA256);
        assertThat(kdf.getSalt()).hasSize(16);
    }

    @Test
    void open_issuesUserCertificatesThatVerifyAgainstCaCrt() throws Exception {
        CertificateAuthority ca = CaStore.open(rsaCa, PASSPHRASE.toCharArray());
        X509Certificate caCrt = readPemCertificate(rsaCa.resolve("ca.crt"));
        assertThat(ca.certificate()).isEqualTo(caCrt);
        assertThat(ca.toString()).contains("redacted");
        for (var key : new java.security.KeyPair[] {USER_RSA, USER_P256}) {
            X509Certificate user = ca.issue(UserIdentity.of("alice", "example.test"), key.getPublic());
            user.verify(caCrt.getPublicKey());
            assertThat(user.getIssuerX500Principal()).isEqualTo(caCrt.getSubjectX500Principal());
            assertThat(user.getExtendedKeyUsage()).contains(WindowsOids.SMART_CARD_LOGON.getId());
        }
    }

    @Test
    void p256Ca_roundTrips(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("new/ec-ca");
        CaStore.init(dir, CaKeyType.P256, "CN=EC CA", Duration.ofDays(30), "a different passphrase".toCharArray(),
                RANDOM);
        CertificateAuthority ca = CaStore.open(dir, "a different passphrase".toCharArray());
        assertThat(ca.keyType()).isEqualTo(CaKeyType.P256);
        ca.issue(UserIdentity.of("bob", "example.test"), USER_P256.getPublic())
                .verify(readPemCertificate(dir.resolve("ca.crt")).getPublicKey());
        assertThat(perms(dir)).isEqualTo("rwx------");
    }

    @Test
    void wrongPassphrase_namesTheKeyFile() {
        assertThatThrownBy(() -> CaStore.open(rsaCa, "not the passphrase".toCharArray()))
                .isInstanceOfSatisfying(CaStoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CaStoreException.Reason.WRONG_PASSPHRASE);
                    assertThat(e.file()).isEqualTo(rsaCa.resolve("ca.key"));
                })
                .hasMessage(rsaCa.resolve("ca.key") + ": wrong passphrase, or the key file was altered")
                .hasMessageNotContaining("not the passphrase");
    }

    @Test
    void init_refusesToOverwriteACa() {
        assertThatThrownBy(() -> CaStore.init(rsaCa, CaKeyType.P256, "CN=x", Duration.ofDays(1),
                PASSPHRASE.toCharArray(), RANDOM))
                .isInstanceOfSatisfying(CaStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(CaStoreException.Reason.EXISTS))
                .hasMessageContaining("refusing to overwrite");
    }

    @Test
    void init_refusesShortPassphraseAndBadSubject(@TempDir Path tmp) {
        assertThatThrownBy(() -> CaStore.init(tmp.resolve("a"), CaKeyType.P256, "CN=x", Duration.ofDays(1),
                "short".toCharArray(), RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the CA passphrase has 5 characters (at least 8)");
        assertThatThrownBy(() -> CaStore.init(tmp.resolve("b"), CaKeyType.P256, "not a dn", Duration.ofDays(1),
                PASSPHRASE.toCharArray(), RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CA subject is not a distinguished name");
        assertThat(tmp.resolve("a")).doesNotExist();
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void missingDirectoryOrCertificate_isMissing(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> CaStore.at(tmp.resolve("nope")))
                .isInstanceOfSatisfying(CaStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(CaStoreException.Reason.MISSING))
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> CaStore.at(tmp))
                .isInstanceOfSatisfying(CaStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(CaStoreException.Reason.MISSING))
                .hasMessage(tmp.resolve("ca.crt") + ": no such file");
    }

    @Test
    void corruptedFiles_areCorruptAndNamed(@TempDir Path tmp) throws Exception {
        Path dir = copyOfCa(tmp);
        Path key = dir.resolve("ca.key");
        String pem = Files.readString(key);
        Files.writeString(key, pem.substring(0, pem.length() / 2));
        assertCorrupt(dir, key, "is not PEM");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertCorrupt(dir, key, "is not a PEM 'ENCRYPTED PRIVATE KEY'");
        Files.write(key, new byte[EncryptedKeyFile.MAX_FILE_BYTES + 1]);
        assertCorrupt(dir, key, "more than a CA file can be");
        Files.writeString(key, pem);
        Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> CaStore.at(dir)).isInstanceOfSatisfying(CaStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(CaStoreException.Reason.CORRUPT))
                .hasMessageStartingWith(dir.resolve("ca.crt") + ": is not an X.509 certificate");
    }

    @Test
    void keyOfAnotherCa_isRefused(@TempDir Path tmp) throws Exception {
        Path other = tmp.resolve("other");
        CaStore.init(other, CaKeyType.RSA_2048, "CN=Other", Duration.ofDays(1), PASSPHRASE.toCharArray(), RANDOM);
        Path dir = copyOfCa(tmp);
        Files.copy(other.resolve("ca.key"), dir.resolve("ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertCorrupt(dir, dir.resolve("ca.key"), "is not the key of ca.crt");
    }

    @Test
    void hostileIterationCount_isRefusedBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path dir = copyOfCa(tmp);
        PBKDF2Params kdf = new PBKDF2Params(new byte[16], 2_000_000_000, PBKDF2Config.PRF_SHA256);
        PBES2Parameters pbes2 = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
                new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[16])));
        byte[] der = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, pbes2),
                new byte[1232]).getEncoded();
        Files.write(dir.resolve("ca.key"), CaStore.pem("ENCRYPTED PRIVATE KEY", der));
        long start = System.nanoTime();
        assertCorrupt(dir, dir.resolve("ca.key"), "asks for 2000000000 PBKDF2 iterations (at most 10000000)");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void openssl_readsTheKeyFileWithThePassphrase(@TempDir Path tmp) throws Exception {
        assumeThat(Path.of("/usr/bin/openssl")).exists();
        Path pass = tmp.resolve("pass");
        Files.writeString(pass, PASSPHRASE + "\n");
        Process p = new ProcessBuilder("openssl", "pkey", "-in", rsaCa.resolve("ca.key").toString(),
                "-passin", "file:" + pass, "-pubout", "-outform", "DER")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] spki = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(spki).isEqualTo(readPemCertificate(rsaCa.resolve("ca.crt")).getPublicKey().getEncoded());
    }

    private static void assertCorrupt(Path dir, Path file, String message) {
        assertThatThrownBy(() -> CaStore.open(dir, PASSPHRASE.toCharArray()))
                .isInstanceOfSatisfying(CaStoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CaStoreException.Reason.CORRUPT);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message);
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
