package dev.scbridge.ca;

import dev.scbridge.apdu.Hex;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.cert.CertificateParsingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SidExtensionTest {
    /**
     * Layout: MS-WCCE 2.2.2.7.7.4 (otherName szOID_NTDS_OBJECTSID with an OCTET STRING), wrapped as GeneralNames
     * with the value [0] EXPLICIT, as AD CS and Teleport emit it; lengths worked out by hand below.
     */
    private static final String SID = "S-1-5-21-1-2-3-1104";

    @Test
    void encode_matchesTheHandBuiltLayout() throws Exception {
        Extension ext = SidExtension.encode(WindowsSid.parse(SID));
        assertThat(ext.isCritical()).isFalse();
        assertThat(ext.getExtnId().getId()).isEqualTo("1.3.6.1.4.1.311.25.2");
        String ascii = Hex.spaced(SID.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // 19 ASCII bytes: 04 13 (21 bytes), A0 15 (23), OID 12 bytes + 23 = 35 = 0x23, outer 37 = 0x25.
        assertThat(Hex.spaced(ext.getExtnValue().getOctets())).isEqualTo(
                "30 25 A0 23 06 0A 2B 06 01 04 01 82 37 19 02 01 A0 15 04 13 " + ascii);
    }

    /**
     * An independent vector: the SID extension value TameMyCerts (an AD CS policy module, so the bytes a Windows CA
     * issues) expects for S-1-5-21-1381186052-4247692386-135928078-1225. Source: Sleepw4lker/TameMyCerts
     * TameMyCerts.Tests/X509CertificateExtensionSecurityIdentifierTests.cs @386877c1690b, test "Building".
     */
    @Test
    void encode_matchesTheBytesAnAdCsPolicyModuleProduces() throws Exception {
        byte[] expected = java.util.Base64.getDecoder().decode(
                "MD+gPQYKKwYBBAGCNxkCAaAvBC1TLTEtNS0yMS0xMzgxMTg2MDUyLTQyNDc2OTIzODYtMTM1OTI4MDc4LTEyMjU=");
        WindowsSid sid = WindowsSid.parse("S-1-5-21-1381186052-4247692386-135928078-1225");
        assertThat(SidExtension.encode(sid).getExtnValue().getOctets()).isEqualTo(expected);
        assertThat(SidExtension.decode(expected)).isEqualTo(sid);
    }

    @Test
    void decode_roundTrips() throws Exception {
        byte[] value = SidExtension.encode(WindowsSid.parse(SID)).getExtnValue().getOctets();
        assertThat(SidExtension.decode(value)).isEqualTo(WindowsSid.parse(SID));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // not DER at all
        "FF FF",
        // empty GeneralNames
        "30 00",
        // two otherNames
        "30 2C A0 14 06 0A 2B 06 01 04 01 82 37 19 02 01 A0 06 04 04 53 2D 31 2D"
                + " A0 14 06 0A 2B 06 01 04 01 82 37 19 02 01 A0 06 04 04 53 2D 31 2D",
        // a dNSName instead of an otherName
        "30 06 82 04 61 2E 62 63",
        // the UPN type-id instead of szOID_NTDS_OBJECTSID
        "30 25 A0 23 06 0A 2B 06 01 04 01 82 37 14 02 03 A0 15 04 13"
                + " 53 2D 31 2D 35 2D 32 31 2D 31 2D 32 2D 33 2D 31 31 30 34",
        // the value a UTF8String instead of an OCTET STRING
        "30 25 A0 23 06 0A 2B 06 01 04 01 82 37 19 02 01 A0 15 0C 13"
                + " 53 2D 31 2D 35 2D 32 31 2D 31 2D 32 2D 33 2D 31 31 30 34",
        // a well-formed extension carrying a well-known SID (S-1-5-18)
        "30 1A A0 18 06 0A 2B 06 01 04 01 82 37 19 02 01 A0 0A 04 08 53 2D 31 2D 35 2D 31 38"})
    void decode_rejectsAnythingButOneObjectSidOtherName(String hex) {
        assertThatThrownBy(() -> SidExtension.decode(Hex.decode(hex)))
                .isInstanceOf(CertificateParsingException.class).hasMessageStartingWith("SID extension");
    }
}
