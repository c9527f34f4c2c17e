package dev.scbridge.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The CA's CRL (RFC 5280 5): version 2, issuer = the CA's subject, thisUpdate and nextUpdate, one entry per revoked
 * serial (no reason code), and the two extensions RFC 5280 requires of a conforming CA: authority key identifier
 * (5.2.1) and CRL number (5.2.3), both non-critical. Windows reads such a CRL from the distribution point a session
 * certificate names (Microsoft: smart-card logon with third-party CAs asks for a CDP that is "online and available").
 */
final class CrlProfile {
    private CrlProfile() {
    }

    static X509CRL crl(CaSigner signer, X509Certificate ca, BigInteger number, List<Revocation> revoked,
                       Instant thisUpdate, Instant nextUpdate) throws CaException {
        try {
            X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            X509v2CRLBuilder b = new X509v2CRLBuilder(issuer, Date.from(thisUpdate))
                    .setNextUpdate(Date.from(nextUpdate));
            for (Revocation r : revoked) {
                b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), (Extensions) null);
            }
            b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier(ca)));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            return new JcaX509CRLConverter().getCRL(b.build(signer.newContentSigner()));
        } catch (IOException | NoSuchAlgorithmException | CRLException | RuntimeException e) {
            throw new CaException("cannot build the CRL: " + e.getMessage(), e);
        }
    }

    /** The CA certificate's own subject key identifier, so the AKI matches what certificates carry. */
    private static byte[] keyIdentifier(X509Certificate ca) throws IOException, NoSuchAlgorithmException {
        byte[] der = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (der == null) {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ca.getPublicKey()).getKeyIdentifier();
        }
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(der)).getKeyIdentifier();
    }
}
