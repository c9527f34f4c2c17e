package dev.scbridge.ca;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;

/**
 * The two certificate layouts the CA produces: its own self-signed certificate and a session's smart-card logon
 * certificate (Microsoft: "Guidelines for enabling smart card logon with third-party certification authorities";
 * "Certificate Requirements and Enumeration"; RFC 5280 4.2.1).
 */
final class CertificateProfiles {
    /** RFC 5280 4.1.2.2 allows 20 octets; 16 random octets are unguessable and always fit. */
    static final int SERIAL_BYTES = 16;
    /** PIV retired RSA-1024 for authentication keys (SP 800-78-4); nothing below 2048 bits goes on a card. */
    static final int MIN_RSA_BITS = 2048;
    /** The largest key a PIV slot holds (SP 800-78-5; YubiKey 5.7 RSA-4096). */
    static final int MAX_RSA_BITS = 4096;

    private CertificateProfiles() {
    }

    /**
     * The CA certificate: basicConstraints cA TRUE, pathLen 0 (it issues only end-entity certificates), critical;
     * keyUsage keyCertSign | cRLSign, critical; subject key identifier (RFC 5280 4.2.1.2, 4.2.1.3, 4.2.1.9).
     */
    static X509Certificate caCertificate(CaSigner signer, X500Name subject, Instant notBefore, Instant notAfter,
                                         SecureRandom random) throws CaException {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier ski = ext.createSubjectKeyIdentifier(signer.publicKey());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, signer.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ski)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            return sign(b, signer);
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new CaException("cannot build the CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A session certificate. Extensions, each from Microsoft's requirements unless noted:
     * <ul>
     *   <li>keyUsage digitalSignature, plus keyEncipherment for RSA (Windows uses the RSA key for key exchange
     *       too: the logon decrypts with it), critical (RFC 5280 4.2.1.3 SHOULD);</li>
     *   <li>extendedKeyUsage Smart Card Logon and Client Authentication;</li>
     *   <li>subjectAltName with the UPN otherName ({@link UpnName});</li>
     *   <li>the SID extension when the identity has a SID ({@link SidExtension}; KB5014754);</li>
     *   <li>CRL distribution point when the policy names one;</li>
     *   <li>basicConstraints cA FALSE ("Subject Type=End Entity", optional);</li>
     *   <li>authority and subject key identifiers (RFC 5280 4.2.1.1, 4.2.1.2).</li>
     * </ul>
     * The subject is {@code CN=<user>} as a UTF8String built from the value (never parsed from a string, so no DN
     * injection).
     */
    static X509Certificate sessionCertificate(CaSigner signer, X509Certificate ca, UserIdentity identity,
                                              PublicKey subjectKey, Instant notBefore, Instant notAfter,
                                              IssuancePolicy policy, SecureRandom random) throws CaException {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            // The ASN1Encodable overload: the String one reads a leading '#' as hex DER (RFC 4514 2.4), which would
            // let a logon name such as "#0C05..." choose the encoded value.
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, new DERUTF8String(identity.user())).build();
            int usage = KeyUsage.digitalSignature | (subjectKey instanceof RSAPublicKey ? KeyUsage.keyEncipherment : 0);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_smartcardlogon, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, UpnName.encode(identity))
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(caKeyIdentifier(ca, ext)))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (identity.sid().isPresent()) {
                b.addExtension(SidExtension.encode(identity.sid().get()));
            }
            if (policy.crlDistributionPoint().isPresent()) {
                GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        policy.crlDistributionPoint().get()));
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(where), null, null)}));
            }
            return sign(b, signer);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new CaException("cannot build the session certificate: " + e.getMessage(), e);
        }
    }

    /** Keys a PIV card can hold and Windows can log on with: RSA 2048..4096, ECDSA P-256 or P-384. */
    static void checkSubjectKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new IllegalArgumentException("session key RSA-" + bits + " out of range RSA-" + MIN_RSA_BITS
                        + "..RSA-" + MAX_RSA_BITS);
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384) {
                throw new IllegalArgumentException("session key on a " + bits + "-bit curve (expected P-256 or P-384)");
            }
            return;
        }
        throw new IllegalArgumentException("session key algorithm " + (key == null ? "null" : key.getAlgorithm())
                + " (expected RSA or EC)");
    }

    /**
     * 16 random bytes, top bit cleared so the INTEGER is positive and the next bit set so its DER encoding is
     * exactly 16 bytes (no leading zero byte to add or strip): 126 random bits, above the 64 CA/B Forum asks for.
     */
    static BigInteger serial(SecureRandom random) {
        byte[] b = new byte[SERIAL_BYTES];
        random.nextBytes(b);
        b[0] = (byte) ((b[0] & 0x3F) | 0x40);
        return new BigInteger(1, b);
    }

    private static byte[] caKeyIdentifier(X509Certificate ca, JcaX509ExtensionUtils ext) throws IOException {
        byte[] der = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (der == null) {
            return ext.createSubjectKeyIdentifier(ca.getPublicKey()).getKeyIdentifier();
        }
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(der)).getKeyIdentifier();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, CaSigner signer) throws CaException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(signer.newContentSigner()));
        } catch (CertificateException | RuntimeException e) {
            throw new CaException("signing failed: " + e.getMessage(), e);
        }
    }
}
