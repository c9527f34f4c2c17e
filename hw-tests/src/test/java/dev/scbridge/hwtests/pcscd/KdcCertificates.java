package dev.scbridge.hwtests.pcscd;

import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CaSigner;
import dev.scbridge.ca.UpnName;
import dev.scbridge.ca.UserIdentity;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Certificates the scbridge CA does not make, for {@link KdcPkinitTest}: the KDC's own PKINIT certificate (RFC 4556
 * section 3.2.4) and a user certificate without the Smart Card Logon EKU (a negative case). Both are signed by the
 * test CA's key through its {@link CaSigner}, exactly as the CA signs session certificates.
 */
final class KdcCertificates {
    /** id-pkinit-san (RFC 4556): an otherName holding a KRB5PrincipalName. */
    static final ASN1ObjectIdentifier PKINIT_SAN = new ASN1ObjectIdentifier("1.3.6.1.5.2.2");
    /** id-pkinit-KPKdc (RFC 4556): the EKU an MIT client requires of the KDC's certificate by default. */
    static final ASN1ObjectIdentifier PKINIT_KP_KDC = new ASN1ObjectIdentifier("1.3.6.1.5.2.3.5");
    /** KRB5-NT-SRV-INST (RFC 4120 section 6.2), the name type of krbtgt/REALM. */
    static final int NT_SRV_INST = 2;

    private KdcCertificates() {
    }

    /** The KDC certificate: SAN id-pkinit-san krbtgt/REALM@REALM, EKU id-pkinit-KPKdc, valid for a day. */
    static X509Certificate kdc(CaSigner signer, X509Certificate ca, String realm, PublicKey kdcKey,
                               SecureRandom random) throws CaException, IOException {
        GeneralNames san = new GeneralNames(new GeneralName(GeneralName.otherName,
                new OtherName(PKINIT_SAN, krb5PrincipalName(realm, "krbtgt", realm))));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer(ca), serial(random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                cn("kdc." + realm.toLowerCase(java.util.Locale.ROOT)), kdcKey)
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.getInstance(PKINIT_KP_KDC)))
                .addExtension(Extension.subjectAlternativeName, false, san)
                .addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        return sign(b, signer);
    }

    /**
     * A user certificate like a session certificate (UPN SAN, digitalSignature) but whose only EKU is TLS client
     * authentication: no Smart Card Logon, so a KDC with {@code pkinit_eku_checking = scLogin} must refuse it.
     */
    static X509Certificate withoutSmartCardLogon(CaSigner signer, X509Certificate ca, UserIdentity identity,
                                                 PublicKey key, SecureRandom random) throws CaException, IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer(ca), serial(random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofHours(1))),
                cn(identity.user()), key)
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.subjectAlternativeName, false, UpnName.encode(identity))
                .addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        return sign(b, signer);
    }

    /** KRB5PrincipalName ::= SEQUENCE { realm [0] Realm, principalName [1] PrincipalName } (RFC 4556 3.2.2). */
    static DERSequence krb5PrincipalName(String realm, String... components) {
        ASN1EncodableVector names = new ASN1EncodableVector();
        for (String c : components) {
            names.add(new DERGeneralString(c));
        }
        ASN1EncodableVector principalName = new ASN1EncodableVector();
        principalName.add(new DERTaggedObject(true, 0, new ASN1Integer(NT_SRV_INST)));
        principalName.add(new DERTaggedObject(true, 1, new DERSequence(names)));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DERTaggedObject(true, 0, new DERGeneralString(realm)));
        v.add(new DERTaggedObject(true, 1, new DERSequence(principalName)));
        return new DERSequence(v);
    }

    /** Writes a certificate as PEM. */
    static void writePem(Path file, X509Certificate cert) throws IOException {
        Files.writeString(file, pem(cert), StandardCharsets.US_ASCII);
    }

    /** Writes a private key as PKCS#8 PEM, readable by the owner only (a throwaway test key; never printed). */
    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem(key), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    private static X500Name issuer(X509Certificate ca) {
        return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    }

    private static X500Name cn(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, CaSigner signer) throws CaException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(signer.newContentSigner()));
        } catch (CertificateException e) {
            throw new CaException("cannot convert a test certificate: " + e.getMessage(), e);
        }
    }
}
