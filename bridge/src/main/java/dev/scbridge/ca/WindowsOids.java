package dev.scbridge.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Microsoft object identifiers a smart-card logon certificate carries. */
public final class WindowsOids {
    /**
     * szOID_NT_PRINCIPAL_NAME, the UPN otherName in the subject alternative name; its value is a UTF8String
     * (Microsoft: "Certificate Requirements and Enumeration", client certificate requirements; MS-WCCE 2.2.2.7.5).
     */
    public static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    /** szOID_KP_SMARTCARD_LOGON, the Smart Card Logon extended key usage. */
    public static final ASN1ObjectIdentifier SMART_CARD_LOGON = KeyPurposeId.id_kp_smartcardlogon.toOID();
    /** id-kp-clientAuth (RFC 5280 4.2.1.12). */
    public static final ASN1ObjectIdentifier CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.toOID();
    /** szOID_NTDS_CA_SECURITY_EXT: the SID extension for strong certificate mapping (MS-WCCE 2.2.2.7.7.4). */
    public static final ASN1ObjectIdentifier NTDS_CA_SECURITY_EXT = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.25.2");
    /** szOID_NTDS_OBJECTSID: the otherName type-id inside {@link #NTDS_CA_SECURITY_EXT}. */
    public static final ASN1ObjectIdentifier NTDS_OBJECTSID = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.25.2.1");

    private WindowsOids() {
    }
}
