package dev.scbridge.apdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Multi-line vectors kept as test resources (each file names its source in its header). */
public final class TraceVectors {
    private TraceVectors() {
    }

    /**
     * The five R-APDUs Windows received while reading certificate object 5FC105 through a 258-byte buffer
     * (windows-logon-trace.txt steps 086-094): 256 + 6100, 256 + 6100, 256 + 6100, 256 + 61D4, 212 + 9000.
     */
    public static List<byte[]> windowsCertificateRead() {
        return hexLines("windows-cert-5fc105-read.txt");
    }

    /** The 1236-byte object those R-APDUs carry: 53 82 04 D0 {70 82 04 C7 cert, 71 01 00, FE 00}. */
    public static byte[] windowsCertificateObject() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : windowsCertificateRead()) {
            out.write(r, 0, r.length - 2);
        }
        return out.toByteArray();
    }

    /** Non-comment lines of a resource next to this class, each decoded as hex. */
    public static List<byte[]> hexLines(String resource) {
        try (InputStream in = TraceVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<byte[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(Hex.decode(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
