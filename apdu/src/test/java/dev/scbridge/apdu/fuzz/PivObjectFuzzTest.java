package dev.scbridge.apdu.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scbridge.apdu.piv.ApplicationPropertyTemplate;
import dev.scbridge.apdu.piv.Ccc;
import dev.scbridge.apdu.piv.CertificateContainer;
import dev.scbridge.apdu.piv.Chuid;
import dev.scbridge.apdu.piv.DiscoveryObject;
import dev.scbridge.apdu.piv.KeyHistory;
import dev.scbridge.apdu.piv.PrintedInformation;
import dev.scbridge.apdu.piv.SecurityObject;

/**
 * Fuzz targets for every PIV data object decoder: only DecodeException may escape, and what decodes round-trips
 * (see {@link RoundTrip}). Seeds: src/test/resources/dev/scbridge/apdu/fuzz/PivObjectFuzzTestInputs/&lt;method&gt;.
 */
class PivObjectFuzzTest {
    @FuzzTest
    void ccc(byte[] data) {
        RoundTrip.check(data, Ccc::decode, Ccc::encode);
    }

    @FuzzTest
    void chuid(byte[] data) {
        RoundTrip.check(data, Chuid::decode, Chuid::encode);
    }

    @FuzzTest
    void discoveryObject(byte[] data) {
        RoundTrip.check(data, DiscoveryObject::decode, DiscoveryObject::encode);
    }

    @FuzzTest
    void keyHistory(byte[] data) {
        RoundTrip.check(data, KeyHistory::decode, KeyHistory::encode);
    }

    @FuzzTest
    void certificateContainer(byte[] data) {
        CertificateContainer c = RoundTrip.check(data, CertificateContainer::decode, CertificateContainer::encode);
        if (c != null) {
            c.certificateDer();
        }
    }

    @FuzzTest
    void printedInformation(byte[] data) {
        RoundTrip.check(data, PrintedInformation::decode, PrintedInformation::encode);
    }

    @FuzzTest
    void securityObject(byte[] data) {
        RoundTrip.check(data, SecurityObject::decode, SecurityObject::encode);
    }

    @FuzzTest
    void applicationPropertyTemplate(byte[] data) {
        RoundTrip.check(data, ApplicationPropertyTemplate::decode, ApplicationPropertyTemplate::encode);
    }
}
