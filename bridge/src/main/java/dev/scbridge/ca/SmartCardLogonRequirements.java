package dev.scbridge.ca;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.io.IOException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks Windows makes before it offers a card's certificate for logon (Microsoft: "Certificate Requirements and
 * Enumeration", step 8): valid per the system clock, a UPN, the digitalSignature key usage and the Smart Card Logon
 * extended key usage. The logon itself then also needs the chain to an NTAuth CA, which the caller checks.
 */
public final class SmartCardLogonRequirements {
    private SmartCardLogonRequirements() {
    }

    /** Every requirement {@code cert} misses at {@code now}; empty when Windows would offer it. */
    public static List<String> problems(X509Certificate cert, Instant now) {
        List<String> out = new ArrayList<>();
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            out.add("not yet valid (notBefore " + cert.getNotBefore().toInstant() + ")");
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            out.add("expired (notAfter " + cert.getNotAfter().toInstant() + ")");
        }
        try {
            if (upn(cert).isEmpty()) {
                out.add("no UPN otherName in the subject alternative name");
            }
        } catch (CertificateParsingException e) {
            out.add(e.getMessage());
        }
        boolean[] ku = cert.getKeyUsage();
        if (ku == null || !ku[0]) {
            out.add("no digitalSignature key usage");
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku == null || !eku.contains(WindowsOids.SMART_CARD_LOGON.getId())) {
                out.add("no Smart Card Logon extended key usage");
            }
        } catch (CertificateParsingException e) {
            out.add("unreadable extended key usage: " + e.getMessage());
        }
        return out;
    }

    /** The UPN in {@code cert}'s subject alternative name, if any. */
    public static Optional<String> upn(X509Certificate cert) throws CertificateParsingException {
        byte[] der = cert.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (der == null) {
            return Optional.empty();
        }
        try {
            return UpnName.find(GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(der)));
        } catch (IOException | IllegalArgumentException e) {
            throw new CertificateParsingException("unreadable subject alternative name: " + e.getMessage(), e);
        }
    }

    /** The SID in {@code cert}'s SID extension, if it has one. */
    public static Optional<WindowsSid> sid(X509Certificate cert) throws CertificateParsingException {
        byte[] der = cert.getExtensionValue(WindowsOids.NTDS_CA_SECURITY_EXT.getId());
        if (der == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SidExtension.decode(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(der).getOctets()));
        } catch (IllegalArgumentException e) {
            throw new CertificateParsingException("unreadable SID extension: " + e.getMessage(), e);
        }
    }
}
