package dev.scbridge.ca;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;

/**
 * The SID extension for strong certificate mapping, szOID_NTDS_CA_SECURITY_EXT (1.3.6.1.4.1.311.25.2), which
 * domain controllers check once KB5014754 enforcement is on: the account's objectSid as an otherName.
 *
 * <p>MS-WCCE 2.2.2.7.7.4 gives the value as {@code OtherName ::= SEQUENCE { type-id szOID_NTDS_OBJECTSID, value
 * octet string }}, DER, non-critical. What AD CS emits, and what third-party issuers that interoperate with it
 * (Teleport's desktop access, Certify, PSCertificateEnrollment) emit, wraps that otherName as a GeneralNames, with
 * the value as the {@code [0] EXPLICIT} of an OCTET STRING holding the SID string in ASCII:
 *
 * <pre>
 *  30 L                                      SEQUENCE (GeneralNames)
 *     A0 L                                   [0] otherName
 *        06 0A 2B 06 01 04 01 82 37 19 02 01 type-id 1.3.6.1.4.1.311.25.2.1
 *        A0 L                                [0] EXPLICIT
 *           04 L "S-1-5-21-...-1104"         OCTET STRING, ASCII
 * </pre>
 *
 * The tests pin this against the value an AD CS policy module (TameMyCerts) expects a Windows CA to issue.
 */
public final class SidExtension {
    private SidExtension() {
    }

    /** The extension, non-critical as MS-WCCE 2.2.2.7.7.4 says it SHOULD be. */
    public static Extension encode(WindowsSid sid) throws IOException {
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.otherName,
                new OtherName(WindowsOids.NTDS_OBJECTSID, new DEROctetString(sid.ascii()))));
        return new Extension(WindowsOids.NTDS_CA_SECURITY_EXT, false, names.getEncoded("DER"));
    }

    /**
     * Reads the SID back from the extension's value (the contents of extnValue). Strict: exactly one name, an
     * otherName of type szOID_NTDS_OBJECTSID whose value is an OCTET STRING holding a valid domain-account SID.
     */
    public static WindowsSid decode(byte[] extnValue) throws CertificateParsingException {
        try {
            GeneralNames names = GeneralNames.getInstance(ASN1Primitive.fromByteArray(extnValue));
            GeneralName[] list = names.getNames();
            if (list.length != 1 || list[0].getTagNo() != GeneralName.otherName) {
                throw new CertificateParsingException("SID extension: expected exactly one otherName, found "
                        + list.length + " name(s)");
            }
            OtherName other = OtherName.getInstance(list[0].getName());
            if (!other.getTypeID().equals(WindowsOids.NTDS_OBJECTSID)) {
                throw new CertificateParsingException("SID extension: otherName type-id " + other.getTypeID()
                        + " (expected " + WindowsOids.NTDS_OBJECTSID + ")");
            }
            ASN1Encodable value = other.getValue();
            if (value instanceof ASN1TaggedObject tagged) {
                value = tagged.getBaseObject();
            }
            if (!(value instanceof ASN1OctetString octets)) {
                throw new CertificateParsingException("SID extension: value is not an OCTET STRING");
            }
            return WindowsSid.parse(new String(octets.getOctets(), StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw new CertificateParsingException("SID extension: " + e.getMessage(), e);
        }
    }
}
