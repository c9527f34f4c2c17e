package dev.scbridge.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM (RFC 7468) text for keys and certificates the {@code piv} commands print or read. */
final class PivPem {
    private PivPem() {
    }

    /** {@code -----BEGIN type-----}, base64 in 64-character lines, {@code -----END type-----}. */
    static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** A certificate from PEM or DER bytes; the JDK's factory reads both. */
    static X509Certificate certificate(byte[] bytes) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(bytes));
    }
}
