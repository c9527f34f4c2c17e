package dev.scbridge.rdp.svc;

import dev.scbridge.apdu.DecodeException;

/**
 * CHANNEL_PDU_HEADER (MS-RDPBCGR 2.2.6.1.1), 8 bytes before every static virtual channel chunk:
 * <pre>
 * length u32: total length of the uncompressed message, the same in every chunk
 * flags  u32: CHANNEL_FLAG_*
 * </pre>
 */
public record ChannelPduHeader(int length, int flags) {
    public static final int SIZE = 8;

    public static final int CHANNEL_FLAG_FIRST = 0x0000_0001;
    public static final int CHANNEL_FLAG_LAST = 0x0000_0002;
    /** FIRST | LAST: the whole message in one chunk. */
    public static final int CHANNEL_FLAG_ONLY = CHANNEL_FLAG_FIRST | CHANNEL_FLAG_LAST;
    public static final int CHANNEL_FLAG_SHOW_PROTOCOL = 0x0000_0010;
    /** Server to client only. */
    public static final int CHANNEL_FLAG_SUSPEND = 0x0000_0020;
    /** Server to client only. */
    public static final int CHANNEL_FLAG_RESUME = 0x0000_0040;
    /** Receivers ignore it. */
    public static final int CHANNEL_FLAG_SHADOW_PERSISTENT = 0x0000_0080;
    public static final int CHANNEL_PACKET_COMPRESSED = 0x0020_0000;
    public static final int CHANNEL_PACKET_AT_FRONT = 0x0040_0000;
    public static final int CHANNEL_PACKET_FLUSHED = 0x0080_0000;
    /** Compression type (bits 16-19) when CHANNEL_PACKET_COMPRESSED is set. */
    public static final int COMPRESSION_TYPE_MASK = 0x000F_0000;

    public boolean first() {
        return (flags & CHANNEL_FLAG_FIRST) != 0;
    }

    public boolean last() {
        return (flags & CHANNEL_FLAG_LAST) != 0;
    }

    public boolean compressed() {
        return (flags & CHANNEL_PACKET_COMPRESSED) != 0;
    }

    /** Total message length as an unsigned value. */
    public long totalLength() {
        return length & 0xFFFF_FFFFL;
    }

    /** @throws DecodeException if fewer than 8 bytes are given */
    public static ChannelPduHeader decode(byte[] chunk) throws DecodeException {
        if (chunk == null || chunk.length < SIZE) {
            throw new DecodeException("CHANNEL_PDU_HEADER", "incomplete header: "
                    + (chunk == null ? 0 : chunk.length) + " bytes (expected: " + SIZE + "+ bytes)", 0);
        }
        return new ChannelPduHeader(le32(chunk, 0), le32(chunk, 4));
    }

    public byte[] encode() {
        byte[] out = new byte[SIZE];
        writeTo(out, 0);
        return out;
    }

    void writeTo(byte[] out, int at) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (length >>> (8 * i));
            out[at + 4 + i] = (byte) (flags >>> (8 * i));
        }
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
