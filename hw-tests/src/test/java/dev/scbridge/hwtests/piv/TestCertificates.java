package dev.scbridge.hwtests.piv;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the suite writes to a card, made with Bouncy Castle for a public key the card generated: a smart-card
 * logon certificate shaped like the one in the real Windows logon trace (windows-logon-trace.txt steps 086-094,
 * Teleport's: client authentication + smart-card logon EKUs, a UPN, an LDAP CRL distribution point), issued by a
 * test CA made once per JVM.
 */
final class TestCertificates {
    /** Microsoft smart-card logon EKU and UPN other-name (as in the trace's certificate). */
    private static final KeyPurposeId SMARTCARD_LOGON = KeyPurposeId.getInstance(
            new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.2"));
    private static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    /** The CRL distribution point of the trace's certificate. */
    private static final String CRL_URL = "ldap:///CN=ec2-35-171-27-185.compute-1.amazonaws.com,CN=Teleport,CN=CDP,"
            + "CN=Public Key Services,CN=Services,CN=Configuration,DC=teleport,DC=dev?certificateRevocationList?base"
            + "?objectClass=cRLDistributionPoint";

    private static final class Ca {
        static final KeyPair KEY = rsa2048();
        static final X500Name NAME = new X500Name("O=scbridge conformance,CN=scbridge conformance test CA");
    }

    private TestCertificates() {
    }

    private static KeyPair rsa2048() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey caPublicKey() {
        return Ca.KEY.getPublic();
    }

    /** A smart-card logon certificate for {@code subjectKey}, UPN {@code user}@teleport.dev. */
    static X509Certificate logonCertificate(PublicKey subjectKey, String user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(Ca.NAME, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(5, ChronoUnit.MINUTES)), Date.from(now.plus(1, ChronoUnit.HOURS)),
                new X500Name("CN=" + user), SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
        try {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, SMARTCARD_LOGON}));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
                    GeneralName.otherName, new OtherName(UPN, new DERUTF8String(user + "@teleport.dev")))));
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, CRL_URL))), null, null)}));
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(Ca.KEY.getPrivate())).getEncoded();
            return parse(der);
        } catch (Exception e) {
            throw new IllegalStateException("test certificate", e);
        }
    }

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("not an X.509 certificate", e);
        }
    }
}
