package dev.scbridge.ca;

import dev.scbridge.apdu.Hex;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.scbridge.ca.TestKeys.CLOCK;
import static dev.scbridge.ca.TestKeys.RANDOM;
import static dev.scbridge.ca.TestKeys.USER_P256;
import static dev.scbridge.ca.TestKeys.USER_RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateAuthorityTest {
    private static final String SID = "S-1-5-21-1004336348-1177238915-682003330-1104";
    private static final String CRL = "ldap:///CN=scbridge,CN=CDP,CN=Public Key Services,CN=Services,"
            + "CN=Configuration,DC=example,DC=test?certificateRevocationList?base?objectClass=cRLDistributionPoint";
    /** UPN SAN for alice@example.test, by hand from RFC 5280 4.2.1.6 and Microsoft's UPN otherName. */
    private static final String UPN_SAN = "30 24 A0 22 06 0A 2B 06 01 04 01 82 37 14 02 03 A0 14 0C 12"
            + " 61 6C 69 63 65 40 65 78 61 6D 70 6C 65 2E 74 65 73 74";
    /** SID extension value, by hand from MS-WCCE 2.2.2.7.7.4 in AD CS's GeneralNames layout (see SidExtension). */
    private static final String SID_EXTENSION = "30 3F A0 3D 06 0A 2B 06 01 04 01 82 37 19 02 01 A0 2F 04 2D"
            + " 53 2D 31 2D 35 2D 32 31 2D 31 30 30 34 33 33 36 33 34 38 2D 31 31 37 37 32 33 38 39 31 35 2D 36 38"
            + " 32 30 30 33 33 33 30 2D 31 31 30 34";

    private static CertificateAuthority ca;
    private static X509Certificate cert;

    @BeforeAll
    static void issue() throws Exception {
        ca = CertificateAuthority.builder().clock(CLOCK).random(RANDOM)
                .policy(IssuancePolicy.defaults().withCrlDistributionPoint(CRL)).build();
        cert = ca.issue(UserIdentity.of("alice", "example.test", SID), USER_RSA.getPublic());
    }

    @Test
    void caCertificate_isSelfSignedCaWithCriticalConstraintsAndKeyUsage() throws Exception {
        X509Certificate c = ca.certificate();
        c.verify(c.getPublicKey());
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=scbridge demo CA");
        assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
        assertThat(c.getBasicConstraints()).isZero();
        assertThat(c.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(
                Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(c.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(keyIdentifier(c)).isEqualTo(sha1OfKeyBits(c));
        assertThat(c.getNotBefore().toInstant()).isEqualTo(Instant.parse("2025-03-01T11:59:00Z"));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(Instant.parse("2025-03-02T12:00:00Z"));
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void sessionCertificate_isSignedByTheCaAndNamesIt() throws Exception {
        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        assertThat(cert.getPublicKey()).isEqualTo(USER_RSA.getPublic());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        byte[] aki = AuthorityKeyIdentifier.getInstance(extension(cert, Extension.authorityKeyIdentifier))
                .getKeyIdentifier();
        assertThat(aki).isEqualTo(keyIdentifier(ca.certificate()));
        assertThat(keyIdentifier(cert)).isEqualTo(sha1OfKeyBits(cert));
    }

    @Test
    void serial_isPositiveAndSixteenBytes() {
        byte[] der = cert.getSerialNumber().toByteArray();
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(der).hasSize(16);
        assertThat(der[0] & 0xC0).isEqualTo(0x40);
    }

    @Test
    void serials_differBetweenCertificates() throws Exception {
        X509Certificate other = ca.issue(UserIdentity.of("alice", "example.test"), USER_RSA.getPublic());
        assertThat(other.getSerialNumber()).isNotEqualTo(cert.getSerialNumber());
    }

    @Test
    void validity_isFiveMinutesBackdatedOneMinute_inWholeSeconds() {
        // Clock at 12:00:00.789Z: notBefore = 12:00:00 - 1 min, notAfter = 12:00:00 + 5 min.
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.parse("2025-03-01T11:59:00Z"));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2025-03-01T12:05:00Z"));
    }

    @Test
    void validityAndBackdate_followThePolicy() throws Exception {
        CertificateAuthority custom = CertificateAuthority.builder().clock(CLOCK).random(RANDOM).keyType(CaKeyType.P256)
                .policy(IssuancePolicy.defaults().withValidity(Duration.ofSeconds(90)).withBackdate(Duration.ZERO))
                .build();
        X509Certificate c = custom.issue(UserIdentity.of("bob", "example.test"), USER_P256.getPublic());
        assertThat(c.getNotBefore().toInstant()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(Instant.parse("2025-03-01T12:01:30Z"));
    }

    @Test
    void keyUsage_isCriticalDigitalSignatureAndKeyEnciphermentForRsa() {
        assertThat(cert.getCriticalExtensionOIDs()).containsExactly(Extension.keyUsage.getId());
        assertThat(cert.getKeyUsage()).containsExactly(true, false, true, false, false, false, false, false, false);
    }

    @Test
    void keyUsage_isDigitalSignatureOnlyForEc() throws Exception {
        X509Certificate ec = ca.issue(UserIdentity.of("alice", "example.test"), USER_P256.getPublic());
        assertThat(ec.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(ec.getCriticalExtensionOIDs()).containsExactly(Extension.keyUsage.getId());
    }

    @Test
    void extendedKeyUsage_isSmartCardLogonAndClientAuth_nonCritical() throws Exception {
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.4.1.311.20.2.2", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getNonCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId());
    }

    @Test
    void subjectAltName_isTheUpnOtherNameAsUtf8String() throws Exception {
        assertThat(Hex.spaced(extension(cert, Extension.subjectAlternativeName))).isEqualTo(UPN_SAN);
        assertThat(cert.getSubjectAlternativeNames()).hasSize(1);
        assertThat(cert.getSubjectAlternativeNames().iterator().next().get(0)).isEqualTo(0);
        assertThat(SmartCardLogonRequirements.upn(cert)).contains("alice@example.test");
    }

    @Test
    void sidExtension_isOtherNameWithAsciiSidInExplicitOctetString_nonCritical() throws Exception {
        String oid = WindowsOids.NTDS_CA_SECURITY_EXT.getId();
        assertThat(oid).isEqualTo("1.3.6.1.4.1.311.25.2");
        assertThat(cert.getNonCriticalExtensionOIDs()).contains(oid);
        assertThat(Hex.spaced(extension(cert, WindowsOids.NTDS_CA_SECURITY_EXT))).isEqualTo(SID_EXTENSION);
        assertThat(SmartCardLogonRequirements.sid(cert)).contains(WindowsSid.parse(SID));
    }

    @Test
    void crlDistributionPoint_carriesTheConfiguredUrl() throws Exception {
        DistributionPoint[] dps = CRLDistPoint.getInstance(extension(cert, Extension.cRLDistributionPoints))
                .getDistributionPoints();
        assertThat(dps).hasSize(1);
        assertThat(dps[0].getReasons()).isNull();
        assertThat(dps[0].getCRLIssuer()).isNull();
        assertThat(dps[0].getDistributionPoint().getType()).isEqualTo(DistributionPointName.FULL_NAME);
        GeneralName[] names = GeneralNames.getInstance(dps[0].getDistributionPoint().getName()).getNames();
        assertThat(names).hasSize(1);
        assertThat(names[0].getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
        assertThat(names[0].getName().toString()).isEqualTo(CRL);
    }

    @Test
    void basicConstraints_sayEndEntity() {
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNonCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId());
    }

    @Test
    void extensions_areExactlyTheRequiredOnes() {
        assertThat(allExtensions(cert)).containsExactlyInAnyOrder(Extension.keyUsage.getId(),
                Extension.extendedKeyUsage.getId(), Extension.subjectAlternativeName.getId(),
                Extension.basicConstraints.getId(), Extension.authorityKeyIdentifier.getId(),
                Extension.subjectKeyIdentifier.getId(), Extension.cRLDistributionPoints.getId(),
                WindowsOids.NTDS_CA_SECURITY_EXT.getId());
    }

    @Test
    void withoutSidOrCrl_thoseExtensionsAreAbsent() throws Exception {
        CertificateAuthority plain = CertificateAuthority.builder().clock(CLOCK).random(RANDOM)
                .keyType(CaKeyType.P256).build();
        X509Certificate c = plain.issue(UserIdentity.of("alice", "example.test"), USER_RSA.getPublic());
        assertThat(allExtensions(c)).doesNotContain(Extension.cRLDistributionPoints.getId(),
                WindowsOids.NTDS_CA_SECURITY_EXT.getId());
        assertThat(SmartCardLogonRequirements.sid(c)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CaKeyType.class)
    void everyCaKeyType_issuesVerifiableCertificates(CaKeyType type) throws Exception {
        CertificateAuthority typed = CertificateAuthority.builder().keyType(type).clock(CLOCK).random(RANDOM).build();
        assertThat(typed.keyType()).isEqualTo(type);
        for (KeyPair user : List.of(USER_RSA, USER_P256)) {
            X509Certificate c = typed.issue(UserIdentity.of("alice", "example.test"), user.getPublic());
            c.verify(typed.certificate().getPublicKey());
            assertThat(c.getSigAlgName()).isEqualTo(type.signatureAlgorithm());
            assertThat(typed.certificate().getSigAlgName()).isEqualTo(type.signatureAlgorithm());
            assertThat(SmartCardLogonRequirements.problems(c, CLOCK.instant())).isEmpty();
        }
    }

    @Test
    void subjectCn_isBuiltFromTheValue_soDnSyntaxCannotInject() throws Exception {
        // '#' is a legal logon-name character with DN-string meaning; the name stays one literal CN value.
        X509Certificate c = ca.issue(UserIdentity.of("#1 o'brien", "example.test"), USER_RSA.getPublic());
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=\\#1 o'brien");
        // RFC 4514 2.4 reads "#..." as hex DER: "#0C0561646D696E" would otherwise become CN=admin.
        X509Certificate hex = ca.issue(UserIdentity.of("#0C0561646D696E", "example.test"), USER_RSA.getPublic());
        assertThat(hex.getSubjectX500Principal().getName()).isEqualTo("CN=\\#0C0561646D696E");
    }

    @Test
    void weakOrForeignSessionKeys_areRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp521r1"));
        UserIdentity alice = UserIdentity.of("alice", "example.test");
        assertThatThrownBy(() -> ca.issue(alice, rsa.generateKeyPair().getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA-1024");
        assertThatThrownBy(() -> ca.issue(alice, ec.generateKeyPair().getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("521-bit");
        assertThatThrownBy(() -> ca.issue(alice, KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                .getPublic())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EdDSA");
    }

    @Test
    void sessionOutlivingTheCa_isRefused() throws Exception {
        CertificateAuthority shortLived = CertificateAuthority.builder().clock(CLOCK).random(RANDOM)
                .keyType(CaKeyType.P256).caValidity(Duration.ofMinutes(2)).build();
        assertThatThrownBy(() -> shortLived.issue(UserIdentity.of("alice", "example.test"), USER_P256.getPublic()))
                .isInstanceOf(CaException.class).hasMessageContaining("expires");
    }

    @Test
    void existingSignerAndCertificate_canBeReused() throws Exception {
        InMemoryCaSigner signer = InMemoryCaSigner.generate(CaKeyType.P256, RANDOM);
        CertificateAuthority first = CertificateAuthority.builder().signer(signer).clock(CLOCK).random(RANDOM)
                .subject("CN=Lab CA,O=Example").build();
        assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Lab CA,O=Example");
        CertificateAuthority again = CertificateAuthority.builder().signer(signer).certificate(first.certificate())
                .clock(CLOCK).random(RANDOM).build();
        X509Certificate c = again.issue(UserIdentity.of("alice", "example.test"), USER_P256.getPublic());
        c.verify(first.certificate().getPublicKey());
        assertThat(c.getIssuerX500Principal().getName()).isEqualTo("CN=Lab CA,O=Example");
        InMemoryCaSigner stranger = InMemoryCaSigner.generate(CaKeyType.P256, RANDOM);
        assertThatThrownBy(() -> CertificateAuthority.builder().signer(stranger).certificate(first.certificate())
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the signer's key");
    }

    @Test
    void badCaSettings_areRefused() {
        assertThatThrownBy(() -> CertificateAuthority.builder().subject("not a dn").keyType(CaKeyType.P256).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA subject");
        assertThatThrownBy(() -> CertificateAuthority.builder().subject("CN=a\u202Eb").keyType(CaKeyType.P256)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+202E");
        assertThatThrownBy(() -> CertificateAuthority.builder().caValidity(Duration.ZERO).keyType(CaKeyType.P256)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA validity");
    }

    @Test
    void privateKey_hasNoGetterAndNeverPrints() {
        for (Class<?> type : List.of(CertificateAuthority.class, InMemoryCaSigner.class, CaSigner.class)) {
            for (Method m : type.getMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    assertThat(m.getReturnType()).as(type.getSimpleName() + "." + m.getName())
                            .isNotEqualTo(PrivateKey.class).isNotEqualTo(KeyPair.class);
                }
            }
        }
        assertThat(ca.toString()).isEqualTo("CertificateAuthority[CN=scbridge demo CA, RSA-2048, private key redacted]");
        assertThat(InMemoryCaSigner.generate(CaKeyType.P256, RANDOM).toString())
                .isEqualTo("InMemoryCaSigner[ECDSA P-256, private key redacted]");
    }

    static byte[] extension(X509Certificate c, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] der = c.getExtensionValue(oid.getId());
        assertThat(der).as("extension " + oid).isNotNull();
        return ASN1OctetString.getInstance(der).getOctets();
    }

    private static byte[] keyIdentifier(X509Certificate c) {
        return SubjectKeyIdentifier.getInstance(extension(c, Extension.subjectKeyIdentifier)).getKeyIdentifier();
    }

    /** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's value. */
    private static byte[] sha1OfKeyBits(X509Certificate c) throws Exception {
        byte[] bits = SubjectPublicKeyInfo.getInstance(c.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
        return MessageDigest.getInstance("SHA-1").digest(bits);
    }

    private static Set<String> allExtensions(X509Certificate c) {
        Set<String> all = new java.util.HashSet<>(c.getCriticalExtensionOIDs());
        all.addAll(c.getNonCriticalExtensionOIDs());
        return all;
    }

    @Test
    void serialHelper_alwaysEncodesSixteenPositiveBytes() {
        for (int i = 0; i < 200; i++) {
            byte[] der = CertificateProfiles.serial(RANDOM).toByteArray();
            assertThat(der).hasSize(16);
            assertThat(der[0]).isBetween((byte) 0x40, (byte) 0x7F);
        }
    }
}
