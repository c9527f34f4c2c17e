package dev.scbridge.ca;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.scbridge.ca.CaStoreTest.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** CRLs from a {@link CaStore}, read back with Bouncy Castle, the JDK and (when installed) OpenSSL. */
class CaStoreCrlTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00.500Z");
    private static final BigInteger SERIAL = new BigInteger("4F1A2B3C4D5E6F708192A3B4C5D6E7F8", 16);

    @Test
    void emptyCrl_isSignedNumberedAndDated(@TempDir Path tmp) throws Exception {
        CaStore store = CaStore.at(CaStoreTest.copyOfCa(tmp));
        CaSigner signer = store.unlock(PASSPHRASE.toCharArray());
        CaStore.SignedCrl first = store.crl(signer, NOW, Duration.ofDays(7));
        X509CRL crl = first.crl();
        X509Certificate ca = store.certificate();
        crl.verify(ca.getPublicKey());
        assertThat(crl.getVersion()).isEqualTo(2);
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThat(crl.getSigAlgName()).isEqualTo("SHA256withRSA");
        X509CRLHolder holder = new X509CRLHolder(crl.getEncoded());
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca))).isTrue();
        assertThat(CRLNumber.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber())
                .isEqualTo(1);
        assertThat(holder.getExtension(Extension.cRLNumber).isCritical()).isFalse();
        byte[] ski = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                ca.getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getKeyIdentifier();
        assertThat(AuthorityKeyIdentifier.getInstance(holder.getExtension(Extension.authorityKeyIdentifier)
                .getParsedValue()).getKeyIdentifierOctets()).isEqualTo(ski);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.revoked()).isZero();
        assertThat(store.crl(signer, NOW, Duration.ofDays(7)).number()).as("numbers only grow").isEqualTo(2);
        assertThat(CaStore.at(store.dir()).crl(signer, NOW, Duration.ofHours(1)).number()).isEqualTo(3);
    }

    @Test
    void revokedSerial_isListedWithItsDate(@TempDir Path tmp) throws Exception {
        CaStore store = CaStore.at(CaStoreTest.copyOfCa(tmp));
        CaStore.Revoked first = store.revoke(SERIAL, Instant.parse("2026-11-19T08:30:15.999Z"));
        Revocation r = first.revocation();
        assertThat(first.alreadyRevoked()).isFalse();
        assertThat(r.revokedAt()).isEqualTo(Instant.parse("2026-11-19T08:30:15Z"));
        assertThat(store.revoke(SERIAL, NOW)).as("revoking again keeps the first date")
                .isEqualTo(new CaStore.Revoked(r, true));
        store.revoke(BigInteger.valueOf(0x7F), NOW);
        assertThat(CaStore.at(store.dir()).revoked()).extracting(Revocation::serial)
                .containsExactly(SERIAL, BigInteger.valueOf(0x7F));

        CaStore.SignedCrl signed = store.crl(store.unlock(PASSPHRASE.toCharArray()), NOW, Duration.ofDays(1));
        X509CRL crl = signed.crl();
        crl.verify(store.certificate().getPublicKey());
        assertThat(signed.revoked()).isEqualTo(2);
        assertThat(crl.getRevokedCertificate(SERIAL).getRevocationDate().toInstant())
                .isEqualTo(Instant.parse("2026-11-19T08:30:15Z"));
        assertThat(crl.getRevokedCertificate(SERIAL).hasExtensions()).as("no reason code (RFC 5280 5.3.1)").isFalse();
        List<BigInteger> serials = new java.util.ArrayList<>();
        for (Object e : new X509CRLHolder(crl.getEncoded()).getRevokedCertificates()) {
            serials.add(((X509CRLEntryHolder) e).getSerialNumber());
        }
        assertThat(serials).containsExactly(SERIAL, BigInteger.valueOf(0x7F));
    }

    @Test
    void concurrentRevocations_loseNothing(@TempDir Path tmp) throws Exception {
        CaStore store = CaStore.at(CaStoreTest.copyOfCa(tmp));
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<CaStore.Revoked>> done = new java.util.ArrayList<>();
            for (int i = 1; i <= threads; i++) {
                BigInteger serial = BigInteger.valueOf(i);
                done.add(pool.submit(() -> CaStore.at(store.dir()).revoke(serial, NOW)));
            }
            for (var f : done) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS).alreadyRevoked()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.revoked()).hasSize(threads);
        assertThat(CaStoreTest.perms(store.dir().resolve(".lock"))).isEqualTo("rw-------");
    }

    @Test
    void revokedCertificate_isRevokedForTheJdk(@TempDir Path tmp) throws Exception {
        CaStore store = CaStore.at(CaStoreTest.copyOfCa(tmp));
        CertificateAuthority ca = store.open(PASSPHRASE.toCharArray(), IssuancePolicy.defaults());
        X509Certificate user = ca.issue(UserIdentity.of("alice", "example.test"), TestKeys.USER_P256.getPublic());
        X509Certificate other = ca.issue(UserIdentity.of("bob", "example.test"), TestKeys.USER_P256.getPublic());
        store.revoke(user.getSerialNumber(), Instant.now());
        X509CRL crl = store.crl(store.unlock(PASSPHRASE.toCharArray()), Instant.now(), Duration.ofDays(1)).crl();
        assertThat(crl.isRevoked(user)).isTrue();
        assertThat(crl.isRevoked(other)).isFalse();
    }

    @Test
    void openssl_verifiesAndPrintsTheCrl(@TempDir Path tmp) throws Exception {
        assumeThat(Path.of("/usr/bin/openssl")).exists();
        CaStore store = CaStore.at(CaStoreTest.copyOfCa(tmp));
        store.revoke(SERIAL, NOW);
        X509CRL crl = store.crl(store.unlock(PASSPHRASE.toCharArray()), NOW, Duration.ofDays(7)).crl();
        Path der = tmp.resolve("ca.crl");
        Files.write(der, crl.getEncoded());
        Process p = new ProcessBuilder("openssl", "crl", "-inform", "DER", "-in", der.toString(), "-noout", "-text",
                "-CAfile", store.certificateFile().toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
        assertThat(text).contains("verify OK")
                .contains("Issuer: O = Example, CN = Example Logon CA")
                .contains("Last Update: Nov 20 10:00:00 2026 GMT")
                .contains("Next Update: Nov 27 10:00:00 2026 GMT")
                .containsPattern("X509v3 CRL Number:\\s+1\\b")
                .contains("Serial Number: 4F1A2B3C4D5E6F708192A3B4C5D6E7F8")
                .contains("Revocation Date: Nov 20 10:00:00 2026 GMT");
    }

    @Test
    void crl_refusesOddNextUpdatesAndForeignSigners(@TempDir Path tmp) throws Exception {
        CaStore store = CaStore.at(CaStoreTest.copyOfCa(tmp));
        CaSigner signer = store.unlock(PASSPHRASE.toCharArray());
        assertThatThrownBy(() -> store.crl(signer, NOW, Duration.ofSeconds(59)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range PT1M..PT8784H");
        assertThatThrownBy(() -> store.crl(signer, NOW.plus(Duration.ofDays(3649)), Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the CA certificate expires");
        assertThatThrownBy(() -> store.crl(InMemoryCaSigner.generate(CaKeyType.P256, TestKeys.RANDOM), NOW,
                Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the signer's key is not this CA's key");
        assertThat(store.crl(signer, NOW, Duration.ofDays(1)).number()).as("refusals used no number").isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scbridge-ca-revocations 2\\nnext-crl-number 1\\n         | line 1: expected 'scbridge-ca-revocations 1'",
        "scbridge-ca-revocations 1\\nnext-crl-number x\\n         | line 2: CRL number is not a decimal number",
        "scbridge-ca-revocations 1\\nnext-crl-number 0\\n         | line 2: CRL number out of range 1..2^159-1",
        "scbridge-ca-revocations 1\\nnext-crl-number 1           | truncated (expected a header, next-crl-number and a final newline)",
        "scbridge-ca-revocations 1\\nnext-crl-number 1\\nrevoked 0A\\n | line 3: expected 'revoked <serial hex> <ISO-8601 instant>'",
        "scbridge-ca-revocations 1\\nnext-crl-number 1\\nrevoked 0G 2026-01-01T00:00:00Z\\n | line 3: serial is not hex: 'G' at index 1",
        "scbridge-ca-revocations 1\\nnext-crl-number 1\\nrevoked 0A yesterday\\n | line 3: Text 'yesterday' could not be parsed at index 0",
        "scbridge-ca-revocations 1\\nnext-crl-number 1\\nrevoked 0A 2026-01-01T00:00:00Z\\nrevoked 0A 2026-01-01T00:00:00Z\\n | line 4: serial 0A listed twice"})
    void damagedRevocationState_namesFileAndLine(String content, String message, @TempDir Path tmp) throws Exception {
        Path dir = CaStoreTest.copyOfCa(tmp);
        Path file = dir.resolve("revocations");
        Files.writeString(file, content.strip().replace("\\n", "\n"));
        CaStore store = CaStore.at(dir);
        assertThatThrownBy(store::revoked).isInstanceOfSatisfying(CaStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(CaStoreException.Reason.CORRUPT))
                .hasMessage(file + ": " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4F1A                 | 4F1A",
        "0x4f1a               | 4F1A",
        "4f:1a                | 4F1A",
        "'  4F 1A '           | 4F1A",
        "7F                   | 7F",
        "80                   | 80",
        "00FF                 | FF"})
    void parseSerial_acceptsWhatToolsPrint(String text, String hex) {
        BigInteger serial = Revocation.parseSerial(text);
        assertThat(new Revocation(serial, NOW).serialHex()).isEqualTo(hex);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                           | serial is empty (expected hex, e.g. 4F1A...)",
        "00                                           | serial must be positive (RFC 5280 4.1.2.2)",
        "12g4                                         | serial is not hex: 'g' at index 2",
        "0102030405060708090A0B0C0D0E0F10111213141516 | serial has 44 hex digits (at most 40)",
        "FF02030405060708090A0B0C0D0E0F1011121314     | serial is 21 octets encoded (at most 20, RFC 5280 4.1.2.2)"})
    void parseSerial_rejectsWithAReason(String text, String message) {
        assertThatThrownBy(() -> Revocation.parseSerial(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
