package dev.scbridge.apdu.piv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipTest {
    private static final byte[] TEXT = "a certificate, or anything".repeat(20).getBytes(StandardCharsets.US_ASCII);

    @Test
    void plainMember_inflates() throws Exception {
        assertThat(Gzip.inflate(gzip(TEXT), 1024, "f")).isEqualTo(TEXT);
    }

    @Test
    void optionalHeaderFields_skipped() throws Exception {
        // RFC 1952 2.3: FEXTRA (XLEN + data), FNAME and FCOMMENT (zero-terminated), FHCRC (2 bytes), in that order
        byte[] gz = gzip(TEXT);
        byte[] extras = {2, 0, 'x', 'y', 'n', 'a', 'm', 'e', 0, 'c', 0, 0x12, 0x34};
        byte[] withFields = new byte[gz.length + extras.length];
        System.arraycopy(gz, 0, withFields, 0, 10);
        withFields[3] = 0x04 | 0x08 | 0x10 | 0x02;
        System.arraycopy(extras, 0, withFields, 10, extras.length);
        System.arraycopy(gz, 10, withFields, 10 + extras.length, gz.length - 10);
        assertThat(Gzip.inflate(withFields, 1024, "f")).isEqualTo(TEXT);
    }

    @Test
    void reservedFlag_fails() throws Exception {
        byte[] gz = gzip(TEXT);
        gz[3] = (byte) 0x20;
        assertRejects(gz, 3);
    }

    @Test
    void unterminatedName_fails() throws Exception {
        byte[] gz = gzip(TEXT);
        gz[3] = 0x08;
        byte[] noZero = Arrays.copyOf(gz, gz.length);
        for (int i = 10; i < noZero.length; i++) {
            noZero[i] = 'n';
        }
        assertRejects(noZero, 10);
    }

    @Test
    void notGzip_fails() {
        assertRejects(new byte[20], 0);
    }

    @Test
    void tooShort_fails() {
        assertRejects(new byte[] {0x1F, (byte) 0x8B, 8}, 0);
    }

    @Test
    void outputCap_fails() throws Exception {
        assertThatThrownBy(() -> Gzip.inflate(gzip(TEXT), TEXT.length - 1, "f"))
                .isInstanceOf(DecodeException.class).hasMessageContaining("inflates to more than");
        assertThat(Gzip.inflate(gzip(TEXT), TEXT.length, "f")).hasSize(TEXT.length);
    }

    @Test
    void wrongIsize_fails() throws Exception {
        byte[] gz = gzip(TEXT);
        gz[gz.length - 4] ^= 1;
        assertThatThrownBy(() -> Gzip.inflate(gz, 1024, "f")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("ISIZE");
    }

    @Test
    void badDeflateData_fails() throws Exception {
        byte[] gz = gzip(TEXT);
        gz[10] = (byte) 0xFF; // BTYPE 11 is reserved
        assertThatThrownBy(() -> Gzip.inflate(gz, 1024, "f")).isInstanceOf(DecodeException.class);
    }

    private static void assertRejects(byte[] gz, int offset) {
        assertThatThrownBy(() -> Gzip.inflate(gz, 1024, "f"))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.offset()).isEqualTo(offset));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
