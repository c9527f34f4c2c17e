package dev.scbridge.bridge;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The chain check the domain controller makes in PKINIT: the card's certificate validates to the CA (RFC 5280 6,
 * JDK PKIX) at the given time. Revocation is not checked here: the demo CA publishes no CRL.
 */
final class CertificateChecks {
    private CertificateChecks() {
    }

    static void chainsTo(X509Certificate cert, X509Certificate ca, Instant now) throws LogonFailedException {
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
        } catch (GeneralSecurityException e) {
            throw new LogonFailedException("the certificate does not chain to "
                    + ca.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }
}
