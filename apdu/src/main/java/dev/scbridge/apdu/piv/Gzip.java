package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Bounded in-memory reader of one GZIP member, RFC 1952 section 2.3 (the compression SP 800-73-4 Part 1 allows for
 * certificates, CertInfo = 01). The output is capped, so a small "zip bomb" fails as a DecodeException.
 *
 * <pre>
 *  1F 8B 08 FLG MTIME(4) XFL OS  [XLEN(2 LE) extra] [name 00] [comment 00] [CRC16(2)]  deflate data  CRC32(4 LE) ISIZE(4 LE)
 * </pre>
 */
final class Gzip {
    private static final int HEADER_LENGTH = 10;
    private static final int TRAILER_LENGTH = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    /** FLG bits 5..7 are reserved and must be zero (RFC 1952 2.3.1). */
    private static final int FLG_RESERVED = 0xE0;

    private Gzip() {
    }

    /** True when {@code data} starts like a GZIP member. */
    static boolean looksLikeGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B;
    }

    /** Inflates one GZIP member that fills {@code gz} exactly, producing at most {@code maxOutput} bytes. */
    static byte[] inflate(byte[] gz, int maxOutput, String field) throws DecodeException {
        if (gz.length < HEADER_LENGTH + TRAILER_LENGTH) {
            throw new DecodeException(field, "gzip data is " + gz.length + " bytes (expected: 18+ bytes)", 0);
        }
        if (!looksLikeGzip(gz) || gz[2] != 8) {
            throw new DecodeException(field, "not a gzip member with deflate (1F 8B 08)", 0);
        }
        int flags = gz[3] & 0xFF;
        if ((flags & FLG_RESERVED) != 0) {
            throw new DecodeException(field, String.format("reserved gzip flags set: %02X", flags), 3);
        }
        int pos = HEADER_LENGTH;
        if ((flags & FEXTRA) != 0) {
            int xlen = (gz[pos] & 0xFF) | (gz[pos + 1] & 0xFF) << 8;
            pos = skip(gz, pos, 2 + xlen, field);
        }
        if ((flags & FNAME) != 0) {
            pos = skipZeroTerminated(gz, pos, field);
        }
        if ((flags & FCOMMENT) != 0) {
            pos = skipZeroTerminated(gz, pos, field);
        }
        if ((flags & FHCRC) != 0) {
            pos = skip(gz, pos, 2, field);
        }
        byte[] out = new byte[maxOutput + 1];
        int n = 0;
        Inflater inflater = new Inflater(true);
        int trailerAt;
        try {
            inflater.setInput(gz, pos, gz.length - pos);
            while (!inflater.finished() && n < out.length) {
                long before = inflater.getBytesRead();
                int got = inflater.inflate(out, n, out.length - n);
                n += got;
                if (got == 0 && inflater.getBytesRead() == before) {
                    break;
                }
            }
            if (n > maxOutput) {
                throw new DecodeException(field, "inflates to more than " + maxOutput + " bytes", pos);
            }
            if (!inflater.finished()) {
                throw new DecodeException(field, "deflate data truncated", gz.length);
            }
            trailerAt = gz.length - inflater.getRemaining();
        } catch (DataFormatException e) {
            throw new DecodeException(field, "bad deflate data: " + e.getMessage(), pos);
        } finally {
            inflater.end();
        }
        if (gz.length - trailerAt != TRAILER_LENGTH) {
            throw new DecodeException(field, (gz.length - trailerAt) + " bytes after the deflate data (expected: "
                    + TRAILER_LENGTH + ")", trailerAt);
        }
        CRC32 crc = new CRC32();
        crc.update(out, 0, n);
        if ((int) crc.getValue() != le32(gz, trailerAt)) {
            throw new DecodeException(field, "gzip CRC32 mismatch", trailerAt);
        }
        if (n != le32(gz, trailerAt + 4)) {
            throw new DecodeException(field, "gzip ISIZE " + Integer.toUnsignedString(le32(gz, trailerAt + 4))
                    + " but inflated " + n + " bytes", trailerAt + 4);
        }
        return Arrays.copyOf(out, n);
    }

    private static int skip(byte[] gz, int pos, int count, String field) throws DecodeException {
        if (gz.length - pos < count) {
            throw new DecodeException(field, "gzip header truncated", pos);
        }
        return pos + count;
    }

    private static int skipZeroTerminated(byte[] gz, int pos, String field) throws DecodeException {
        for (int i = pos; i < gz.length; i++) {
            if (gz[i] == 0) {
                return i + 1;
            }
        }
        throw new DecodeException(field, "gzip header string not terminated", pos);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
