package dev.scbridge.ca;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

import java.security.cert.CertificateParsingException;
import java.util.Optional;

/**
 * The UPN as a subject alternative name: {@code otherName { type-id 1.3.6.1.4.1.311.20.2.3, value [0] EXPLICIT
 * UTF8String }} (RFC 5280 4.2.1.6 OtherName; Microsoft: "the UPN OtherName value must be an ASN1-encoded UTF8
 * string", "Certificate Requirements and Enumeration").
 *
 * <pre>
 *  30 L                         GeneralNames
 *     A0 L                      [0] otherName (implicit: the OtherName SEQUENCE's tag replaced)
 *        06 0A 2B 06 01 04 01 82 37 14 02 03     type-id 1.3.6.1.4.1.311.20.2.3
 *        A0 L                   [0] EXPLICIT
 *           0C L user@domain    UTF8String
 * </pre>
 */
public final class UpnName {
    private UpnName() {
    }

    /** The SAN value holding {@code upn} as its only name. */
    public static GeneralNames encode(UserIdentity identity) {
        return new GeneralNames(new GeneralName(GeneralName.otherName,
                new OtherName(WindowsOids.UPN, new DERUTF8String(identity.upn()))));
    }

    /**
     * The UPN among {@code names}, if one is there.
     *
     * @throws CertificateParsingException when a UPN otherName is present but its value is not a UTF8String
     */
    public static Optional<String> find(GeneralNames names) throws CertificateParsingException {
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() != GeneralName.otherName) {
                continue;
            }
            OtherName other = OtherName.getInstance(n.getName());
            if (!other.getTypeID().equals(WindowsOids.UPN)) {
                continue;
            }
            ASN1Encodable value = other.getValue();
            if (value instanceof ASN1TaggedObject tagged) {
                value = tagged.getBaseObject();
            }
            if (!(value instanceof DERUTF8String utf8)) {
                throw new CertificateParsingException("UPN otherName value is "
                        + value.getClass().getSimpleName() + ", not a UTF8String");
            }
            return Optional.of(utf8.getString());
        }
        return Optional.empty();
    }
}
