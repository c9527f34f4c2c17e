package dev.scbridge.bridge;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.CertificateContainer;
import dev.scbridge.apdu.piv.Chuid;
import dev.scbridge.apdu.piv.Pivs;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Host-side reading of the two PIV objects Windows' minidriver needs from GET DATA answers ({@code 53}-wrapped,
 * SP 800-73-4 Part 2): the CHUID, whose GUID Windows uses as the card's identity and cache key, and a certificate
 * container. Decoding is the apdu module's ({@link Chuid}, {@link CertificateContainer}).
 */
final class CardObjects {
    private CardObjects() {
    }

    /** The GUID from a GET DATA CHUID answer. */
    static byte[] chuidGuid(byte[] response) throws DecodeException {
        return Chuid.decode(unwrap(response, "CHUID")).guid();
    }

    /** The certificate from a GET DATA answer for a certificate object (inflated if CertInfo says gzip). */
    static X509Certificate certificate(byte[] response) throws DecodeException, CertificateException {
        byte[] der = CertificateContainer.decode(unwrap(response, "certificate object")).certificateDer();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] unwrap(byte[] response, String what) throws DecodeException {
        Tlv outer = Tlv.parseSingle(response);
        if (outer.tag() != Pivs.TAG_DATA) {
            throw new DecodeException(what, String.format("outer tag %X (expected: 53)", outer.tag()), 0);
        }
        return outer.value();
    }
}
