package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Tlv;
import java.util.Arrays;

/**
 * An X.509 certificate container (objects 5FC105, 5FC10A, 5FC10B, 5FC101, 5FC10D..5FC120; Yubico 5FFF01),
 * SP 800-73-4 Part 1 Appendix A, tables "X.509 Certificate for PIV Authentication" and following, and the
 * "CertInfo byte encoding" table.
 *
 * <pre>
 *  70 L certificate   DER, or GZIP of the DER when CertInfo = 01
 *  71 01 CertInfo     00 uncompressed, 01 gzip (b1 CompressionTypeMsb; the other bits are 0 for PIV)
 *  72 L MSCUID        optional, deprecated, 0..38
 *  FE 00              error detection code
 * </pre>
 *
 * Decoding also accepts what real tools write: a bare DER certificate (value starting {@code 30}), as
 * yubico-piv-tool reads it, and {@code 70} without {@code 71}/{@code FE} (yubikit's factory F9 object). Encoding
 * always writes {@code 70}, {@code 71}, [{@code 72}], {@code FE 00}.
 *
 * @param certificate the value of {@code 70} as stored: DER, or gzip when {@code certInfo} is 01
 * @param mscuid 72, null when absent
 */
public record CertificateContainer(byte[] certificate, int certInfo, byte[] mscuid) implements PivDataObject {
    public static final int CERTINFO_UNCOMPRESSED = 0x00;
    public static final int CERTINFO_GZIP = 0x01;
    /**
     * Largest certificate (DER, after inflating) accepted. SP 800-73-4 recommends 1856 bytes but lets certificates
     * exceed it; a YubiKey 5 stores at most 3052. 16 KB leaves room for larger (e.g. post-quantum) certificates
     * while bounding what a small gzip input may inflate to.
     */
    public static final int MAX_CERTIFICATE_LENGTH = 16 * 1024;
    /** SP 800-73-4 Part 1 Appendix A, retired-certificate tables, MSCUID "Max. Bytes". */
    public static final int MAX_MSCUID_LENGTH = 38;

    private static final String OBJECT = "certificate container";
    private static final int DER_SEQUENCE = 0x30;

    public CertificateContainer {
        if (certInfo != CERTINFO_UNCOMPRESSED && certInfo != CERTINFO_GZIP) {
            throw new IllegalArgumentException(String.format("CertInfo %02X (expected: 00 or 01)", certInfo));
        }
        certificate = Args.bytes(certificate, "certificate", 1, Tlv.MAX_VALUE_LENGTH);
        mscuid = Args.optionalBytes(mscuid, "MSCUID", 0, MAX_MSCUID_LENGTH);
        try {
            der(certificate, certInfo, "certificate");
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** An uncompressed container for {@code der}, as yubico-piv-tool writes it ({@code 70 L der 71 01 00 FE 00}). */
    public static CertificateContainer of(byte[] der) {
        return new CertificateContainer(der, CERTINFO_UNCOMPRESSED, null);
    }

    /** Decodes the content of the {@code 53} wrapper (container, or a bare DER certificate). */
    public static CertificateContainer decode(byte[] value) throws DecodeException {
        if (value.length == 0) {
            throw new DecodeException(OBJECT, "empty (53 00 is a deleted object)", 0);
        }
        if ((value[0] & 0xFF) == DER_SEQUENCE) {
            der(value, CERTINFO_UNCOMPRESSED, OBJECT + " bare certificate");
            return new CertificateContainer(value, CERTINFO_UNCOMPRESSED, null);
        }
        Elements e = Elements.parse(OBJECT, value, 0x70, 0x71, 0x72, 0xFE);
        byte[] cert = e.required(0x70, "certificate", 1, Tlv.MAX_VALUE_LENGTH);
        byte[] info = e.optional(0x71, "CertInfo", 1, 1);
        int certInfo = info == null ? CERTINFO_UNCOMPRESSED : info[0] & 0xFF;
        if (certInfo != CERTINFO_UNCOMPRESSED && certInfo != CERTINFO_GZIP) {
            throw e.error(0x71, "CertInfo", String.format("%02X (expected: 00 or 01)", certInfo));
        }
        byte[] mscuid = e.optional(0x72, "MSCUID", 0, MAX_MSCUID_LENGTH);
        e.emptyIfPresent(0xFE, "error detection code");
        try {
            der(cert, certInfo, OBJECT + " certificate (70)");
        } catch (DecodeException bad) {
            throw new DecodeException(bad.field(), bad.reason(), e.offset(0x70));
        }
        return new CertificateContainer(cert, certInfo, mscuid);
    }

    /** The DER certificate, inflated when stored compressed. */
    public byte[] certificateDer() {
        try {
            return der(certificate, certInfo, "certificate");
        } catch (DecodeException e) {
            throw new IllegalStateException("checked by the constructor", e);
        }
    }

    public boolean isCompressed() {
        return certInfo == CERTINFO_GZIP;
    }

    /** The DER of a stored certificate: one well-formed TLV with tag 30, at most MAX_CERTIFICATE_LENGTH bytes. */
    private static byte[] der(byte[] stored, int certInfo, String field) throws DecodeException {
        byte[] der = certInfo == CERTINFO_GZIP ? Gzip.inflate(stored, MAX_CERTIFICATE_LENGTH, field) : stored;
        if (der.length > MAX_CERTIFICATE_LENGTH) {
            throw new DecodeException(field, der.length + " bytes (max " + MAX_CERTIFICATE_LENGTH + ")", 0);
        }
        Tlv seq;
        try {
            seq = Tlv.parseSingle(der);
        } catch (DecodeException e) {
            throw new DecodeException(field + " " + e.field(), e.reason(), e.offset());
        }
        if (seq.tag() != DER_SEQUENCE) {
            throw new DecodeException(field, "tag " + Elements.hex(seq.tag()) + " (expected: 30, a DER SEQUENCE)", 0);
        }
        return der == stored ? stored.clone() : der;
    }

    /** The content of the {@code 53} wrapper. */
    @Override
    public byte[] encode() {
        return new Elements.Writer()
                .add(0x70, certificate)       // 4 + certificate (82 xx xx length for 256+ bytes)
                .add(0x71, certInfo)          // 3
                .addIfPresent(0x72, mscuid)   // 2 + 0..38
                .empty(0xFE)                  // 2
                .toByteArray();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    @Override
    public byte[] mscuid() {
        return Args.copy(mscuid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateContainer c && c.certInfo == certInfo
                && Arrays.equals(c.certificate, certificate) && Arrays.equals(c.mscuid, mscuid);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(certificate) * 31 + certInfo;
    }

    @Override
    public String toString() {
        return "CertificateContainer[" + certificate.length + " bytes" + (isCompressed() ? ", gzip" : "") + "]";
    }
}
