package dev.scbridge.rdp.scard;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An opaque context or card-handle id as MS-RDPESC 2.2.1.1 REDIR_SCARDCONTEXT and 2.2.1.2 REDIR_SCARDHANDLE carry
 * it: 0..16 bytes ({@code cbContext} / {@code cbHandle}). {@link ScardService} issues 8 random bytes per id, so a
 * peer cannot guess another session's ids; equality is on content, so an id decoded from the wire finds its entry.
 */
public record ScardId(byte[] bytes) {
    /** Longest id the wire allows (cbContext / cbHandle at most 16, MS-RDPESC 2.2.1.1-2). */
    public static final int MAX_LENGTH = 16;
    /** Length of the ids this service issues (Windows uses 4 or 8; facts/rdp.md sec. 2). */
    public static final int ISSUED_LENGTH = 8;

    public ScardId {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("id of " + bytes.length + " bytes (max " + MAX_LENGTH + ")");
        }
        bytes = bytes.clone();
    }

    /** A fresh random id of {@link #ISSUED_LENGTH} bytes. */
    static ScardId random(SecureRandom random) {
        byte[] b = new byte[ISSUED_LENGTH];
        random.nextBytes(b);
        return new ScardId(b);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The id's length in bytes, for the wire's cbContext / cbHandle. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScardId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ScardId[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
