package dev.scbridge.rdp.svc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message into static virtual channel chunks (MS-RDPBCGR 3.1.5.2.2.1): each chunk is a
 * CHANNEL_PDU_HEADER whose length is the whole message length, then at most {@link #maxChunkData()} bytes.
 * Flags are FIRST on the first chunk, LAST on the last (both on a single chunk), 0 in between.
 */
public final class ChunkSplitter {
    /** CHANNEL_CHUNK_LENGTH (MS-RDPBCGR 2.2.7.1.10): the chunk size when the server sends no VCChunkSize. */
    public static final int CHANNEL_CHUNK_LENGTH = 1600;
    /** Largest VCChunkSize a server may announce in TS_VIRTUALCHANNEL_CAPABILITYSET (MS-RDPBCGR 2.2.7.1.10). */
    public static final int MAX_VC_CHUNK_SIZE = 16256;

    private final int maxChunkData;

    public ChunkSplitter() {
        this(CHANNEL_CHUNK_LENGTH);
    }

    /** @param vcChunkSize the server's VCChunkSize, 1600..16256 */
    public ChunkSplitter(int vcChunkSize) {
        if (vcChunkSize < CHANNEL_CHUNK_LENGTH || vcChunkSize > MAX_VC_CHUNK_SIZE) {
            throw new IllegalArgumentException("VCChunkSize " + vcChunkSize + " outside " + CHANNEL_CHUNK_LENGTH
                    + ".." + MAX_VC_CHUNK_SIZE);
        }
        this.maxChunkData = vcChunkSize;
    }

    public int maxChunkData() {
        return maxChunkData;
    }

    /** The chunks of {@code message}, each with its 8-byte header. An empty message is one empty chunk. */
    public List<byte[]> split(byte[] message) {
        int total = message.length;
        List<byte[]> chunks = new ArrayList<>(Math.max(1, (total + maxChunkData - 1) / maxChunkData));
        int offset = 0;
        do {
            int n = Math.min(maxChunkData, total - offset);
            int flags = (offset == 0 ? ChannelPduHeader.CHANNEL_FLAG_FIRST : 0)
                    | (offset + n == total ? ChannelPduHeader.CHANNEL_FLAG_LAST : 0);
            byte[] chunk = new byte[ChannelPduHeader.SIZE + n];
            new ChannelPduHeader(total, flags).writeTo(chunk, 0);
            System.arraycopy(message, offset, chunk, ChannelPduHeader.SIZE, n);
            chunks.add(chunk);
            offset += n;
        } while (offset < total);
        return chunks;
    }
}
