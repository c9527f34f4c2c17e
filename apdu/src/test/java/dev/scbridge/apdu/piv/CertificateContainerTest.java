package dev.scbridge.apdu.piv;

import static dev.scbridge.apdu.piv.Codec.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.TraceVectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CertificateContainerTest {
    /** The 9A certificate object Windows read in windows-logon-trace.txt steps 085-094 (content of 53 82 04 D0). */
    private static byte[] windowsContainer() throws DecodeException {
        Tlv wrapper = Tlv.parseSingle(TraceVectors.windowsCertificateObject());
        assertThat(wrapper.tag()).isEqualTo(0x53);
        return wrapper.value();
    }

    private static byte[] windowsDer() throws DecodeException {
        return CertificateContainer.decode(windowsContainer()).certificateDer();
    }

    @Test
    void windowsCertificate_roundTripsByteExact() throws DecodeException {
        byte[] value = windowsContainer();
        CertificateContainer c = CertificateContainer.decode(value);
        assertThat(c.isCompressed()).isFalse();
        assertThat(c.certificateDer()).hasSize(0x4C7).startsWith(0x30, 0x82, 0x04, 0xC3);
        assertThat(c.encode()).isEqualTo(value);
        assertThat(CertificateContainer.of(c.certificateDer())).isEqualTo(c);
    }

    @Test
    void of_writesYubicoForm() throws DecodeException {
        byte[] der = windowsDer();
        byte[] enc = CertificateContainer.of(der).encode();
        assertThat(Arrays.copyOf(enc, 4)).isEqualTo(Hex.decode("70 82 04 C7"));
        assertThat(Arrays.copyOfRange(enc, enc.length - 5, enc.length)).isEqualTo(Hex.decode("71 01 00 FE 00"));
    }

    @Test
    void bareDer_acceptedAsYubicoPivToolDoes() throws DecodeException {
        byte[] der = windowsDer();
        assertThat(CertificateContainer.decode(der)).isEqualTo(CertificateContainer.of(der));
    }

    @Test
    void certificateWithoutCertInfoAndLrc_accepted() throws DecodeException {
        // yubikit's factory F9 object: 53 { 70 cert } only
        byte[] der = windowsDer();
        byte[] only70 = new Tlv(0x70, der).encode();
        assertThat(CertificateContainer.decode(only70).certificateDer()).isEqualTo(der);
    }

    @Test
    void gzip_inflated() throws DecodeException, IOException {
        byte[] der = windowsDer();
        byte[] gz = gzip(der);
        byte[] value = concat(new Tlv(0x70, gz).encode(), Hex.decode("71 01 01 FE 00"));
        CertificateContainer c = CertificateContainer.decode(value);
        assertThat(c.isCompressed()).isTrue();
        assertThat(c.certificate()).isEqualTo(gz);
        assertThat(c.certificateDer()).isEqualTo(der);
        assertThat(c.encode()).isEqualTo(value);
    }

    @Test
    void gzipBomb_fails() throws IOException {
        byte[] bomb = gzip(new byte[1_000_000]);
        assertThat(bomb.length).isLessThan(2_000);
        assertRejects(gzipContainer(bomb), CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void gzipBadCrc_fails() throws IOException, DecodeException {
        byte[] gz = gzip(windowsDer());
        gz[gz.length - 8] ^= 1;
        assertRejects(gzipContainer(gz), CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void gzipTruncated_fails() throws IOException, DecodeException {
        byte[] gz = gzip(windowsDer());
        assertRejects(gzipContainer(Arrays.copyOf(gz, gz.length / 2)), CertificateContainer::decode,
                "certificate (70)");
        assertRejects(gzipContainer(Arrays.copyOf(gz, 12)), CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void gzipTrailingBytes_fails() throws IOException, DecodeException {
        byte[] gz = gzip(windowsDer());
        assertRejects(gzipContainer(concat(gz, new byte[] {0})), CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void gzipOfNonDer_fails() throws IOException {
        assertRejects(gzipContainer(gzip(Hex.decode("01 02 03"))), CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void notGzipButFlagged_fails() throws DecodeException {
        assertRejects(gzipContainer(windowsDer()), CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void certificateNotDer_fails() {
        assertRejects("70 03 01 02 03 71 01 00 FE 00", CertificateContainer::decode, "certificate (70)");
        assertRejects("70 03 30 05 00 71 01 00 FE 00", CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void bareDerMalformed_fails() {
        assertRejects("30 05 00", CertificateContainer::decode, "bare certificate");
    }

    @Test
    void emptyObject_fails() {
        assertRejects("", CertificateContainer::decode, "certificate container");
    }

    @Test
    void missingCertificate_fails() {
        assertRejects("71 01 00 FE 00", CertificateContainer::decode, "certificate (70)");
    }

    @Test
    void certInfoUnknown_fails() {
        assertRejects("70 02 30 00 71 01 02 FE 00", CertificateContainer::decode, "CertInfo (71)");
    }

    @Test
    void certInfoTwoBytes_fails() {
        assertRejects("70 02 30 00 71 02 00 00 FE 00", CertificateContainer::decode, "CertInfo (71)");
    }

    @Test
    void mscuidTooLong_fails() {
        assertRejects("70 02 30 00 71 01 00 72 27 " + Hex.spaced(new byte[39]), CertificateContainer::decode,
                "MSCUID (72)");
    }

    @Test
    void mscuid_kept() throws DecodeException {
        byte[] value = Hex.decode("70 02 30 00 71 01 00 72 02 AA BB FE 00");
        CertificateContainer c = CertificateContainer.decode(value);
        assertThat(c.mscuid()).containsExactly(0xAA, 0xBB);
        assertThat(c.encode()).isEqualTo(value);
    }

    @Test
    void unknownTag_fails() {
        assertRejects("70 02 30 00 73 00", CertificateContainer::decode, "certificate container");
    }

    @Test
    void derTooLarge_fails() {
        byte[] big = new byte[CertificateContainer.MAX_CERTIFICATE_LENGTH + 1];
        big[0] = 0x30;
        assertThatThrownBy(() -> CertificateContainer.decode(big)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> CertificateContainer.of(big)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_checks() {
        assertThatThrownBy(() -> CertificateContainer.of(Hex.decode("01 02")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CertificateContainer(Hex.decode("30 00"), 2, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CertificateContainer(Hex.decode("30 00"), 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String gzipContainer(byte[] gz) {
        return Hex.spaced(concat(new Tlv(0x70, gz).encode(), Hex.decode("71 01 01 FE 00")));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
