package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/**
 * Yubico's attestation extensions carry their bytes directly in extnValue (facts/piv.md 10: firmware 3 raw bytes,
 * serial a DER INTEGER, policies 2 raw bytes, form factor 1 byte; yubico-piv-tool ykcs11 do_parse_attestation and
 * .NET readers take {@code RawData} as is). They were wrapped in a second OCTET STRING, which those readers misread.
 */
class AttestationExtensionsTest {
    private final CardSession s = CardSession.fresh();

    private X509Certificate attest9a() throws Exception {
        s.authenticateDefault();
        assertThat(s.send(new CommandApdu(0, 0x47, 0, 0x9A, Hex.decode("AC 09 80 01 11 AA 01 02 AB 01 01"), 256)).sw())
                .isEqualTo(0x9000);
        ResponseApdu r = s.send(new CommandApdu(0, 0xF9, 0x9A, 0, null, 256));
        assertThat(r.sw()).isEqualTo(0x9000);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(r.data()));
    }

    /** getExtensionValue is the DER OCTET STRING extnValue: 04 L, then the extension's own bytes. */
    private static String extension(X509Certificate c, String leaf) {
        return Hex.spaced(c.getExtensionValue("1.3.6.1.4.1.41482.3." + leaf));
    }

    @Test
    void firmwareAndPolicyAndFormFactor_areRawBytes() throws Exception {
        X509Certificate statement = attest9a();
        assertThat(extension(statement, "3")).isEqualTo("04 03 05 07 01");
        assertThat(extension(statement, "8")).isEqualTo("04 02 02 01");
        assertThat(extension(statement, "9")).isEqualTo("04 01 00");
    }

    @Test
    void serial_isADerInteger() throws Exception {
        // CardSession.fresh() has serial 12345678 = 0x00BC614E.
        assertThat(extension(attest9a(), "7")).isEqualTo("04 06 02 04 00 BC 61 4E");
    }
}
