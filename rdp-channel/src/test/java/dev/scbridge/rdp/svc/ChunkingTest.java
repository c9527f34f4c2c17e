package dev.scbridge.rdp.svc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MS-RDPBCGR 2.2.6.1.1 / 3.1.5.2.2.1 chunking, both ways, and every malformed-chunk case. */
class ChunkingTest {

    private static byte[] message(int n) {
        byte[] m = new byte[n];
        for (int i = 0; i < n; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    private static byte[] chunk(int length, int flags, int dataBytes) {
        byte[] c = new byte[8 + dataBytes];
        new ChannelPduHeader(length, flags).writeTo(c, 0);
        return c;
    }

    private static void rejected(ChunkReassembler r, byte[] chunk, String field) {
        assertThatThrownBy(() -> r.feed(chunk)).isInstanceOfSatisfying(DecodeException.class,
                e -> assertThat(e.field()).as(e.getMessage()).isEqualTo(field));
        assertThat(r.assembling()).isFalse();
    }

    /** Teleport vectors: "ChannelPDUHeader.length=60 flags=FIRST|LAST|ONLY" for a 60-byte message. */
    @Test
    void singleChunk_hasFirstAndLast() {
        List<byte[]> chunks = new ChunkSplitter().split(message(60));
        assertThat(chunks).hasSize(1);
        assertThat(Hex.spaced(Arrays.copyOf(chunks.get(0), 8))).isEqualTo("3C 00 00 00 03 00 00 00");
    }

    @Test
    void splitThenReassemble_atDefaultAndLargestChunkSize() throws Exception {
        for (int size : new int[] {0, 1, 1600, 1601, 3200, 5000, 40000}) {
            for (ChunkSplitter s : List.of(new ChunkSplitter(), new ChunkSplitter(16256))) {
                byte[] msg = message(size);
                List<byte[]> chunks = s.split(msg);
                assertThat(chunks).allSatisfy(c -> assertThat(c.length - 8).isLessThanOrEqualTo(s.maxChunkData()));
                ChunkReassembler r = new ChunkReassembler();
                Optional<byte[]> out = Optional.empty();
                for (int i = 0; i < chunks.size(); i++) {
                    ChannelPduHeader h = ChannelPduHeader.decode(chunks.get(i));
                    assertThat(h.length()).isEqualTo(size);
                    assertThat(h.first()).isEqualTo(i == 0);
                    assertThat(h.last()).isEqualTo(i == chunks.size() - 1);
                    out = r.feed(chunks.get(i));
                    assertThat(out.isPresent()).isEqualTo(i == chunks.size() - 1);
                }
                assertThat(out).get().isEqualTo(msg);
            }
        }
    }

    @Test
    void middleChunks_haveNoFlags() throws Exception {
        List<byte[]> chunks = new ChunkSplitter().split(message(4000));
        assertThat(chunks).hasSize(3);
        assertThat(ChannelPduHeader.decode(chunks.get(1)).flags()).isZero();
    }

    @Test
    void splitter_rejectsChunkSizeOutsideRange() {
        assertThatThrownBy(() -> new ChunkSplitter(1599)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkSplitter(16257)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void showProtocolFlag_isAccepted() throws Exception {
        byte[] c = chunk(2, ChannelPduHeader.CHANNEL_FLAG_ONLY | ChannelPduHeader.CHANNEL_FLAG_SHOW_PROTOCOL, 2);
        assertThat(new ChunkReassembler().feed(c)).isPresent();
    }

    @Test
    void header_truncated() {
        rejected(new ChunkReassembler(), new byte[7], "CHANNEL_PDU_HEADER");
    }

    @Test
    void compressed_rejected() {
        DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> new ChunkReassembler().feed(chunk(4, 0x3 | ChannelPduHeader.CHANNEL_PACKET_COMPRESSED, 4)));
        assertThat(e.field()).isEqualTo("flags");
        assertThat(e.reason()).contains("compress");
    }

    @Test
    void middleChunk_withoutFirst() {
        rejected(new ChunkReassembler(), chunk(10, 0, 5), "flags");
    }

    @Test
    void lastChunk_withoutFirst() {
        rejected(new ChunkReassembler(), chunk(10, ChannelPduHeader.CHANNEL_FLAG_LAST, 5), "flags");
    }

    @Test
    void first_whileAssembling() throws Exception {
        ChunkReassembler r = new ChunkReassembler();
        assertThat(r.feed(chunk(10, ChannelPduHeader.CHANNEL_FLAG_FIRST, 5))).isEmpty();
        rejected(r, chunk(10, ChannelPduHeader.CHANNEL_FLAG_FIRST, 5), "flags");
    }

    @Test
    void totalLength_changesMidMessage() throws Exception {
        ChunkReassembler r = new ChunkReassembler();
        r.feed(chunk(10, ChannelPduHeader.CHANNEL_FLAG_FIRST, 5));
        rejected(r, chunk(11, ChannelPduHeader.CHANNEL_FLAG_LAST, 5), "length");
    }

    @Test
    void data_beyondTotalLength() {
        rejected(new ChunkReassembler(), chunk(4, ChannelPduHeader.CHANNEL_FLAG_ONLY, 5), "data");
    }

    @Test
    void last_beforeTotalLengthReached() throws Exception {
        ChunkReassembler r = new ChunkReassembler();
        r.feed(chunk(10, ChannelPduHeader.CHANNEL_FLAG_FIRST, 4));
        rejected(r, chunk(10, ChannelPduHeader.CHANNEL_FLAG_LAST, 4), "length");
    }

    @Test
    void totalLength_overMaximum() {
        rejected(new ChunkReassembler(), chunk(ChunkReassembler.DEFAULT_MAX_MESSAGE_LENGTH + 1,
                ChannelPduHeader.CHANNEL_FLAG_FIRST, 0), "length");
        rejected(new ChunkReassembler(), chunk(-1, ChannelPduHeader.CHANNEL_FLAG_FIRST, 0), "length");
    }

    @Test
    void afterError_nextMessageStartsClean() throws Exception {
        ChunkReassembler r = new ChunkReassembler();
        r.feed(chunk(10, ChannelPduHeader.CHANNEL_FLAG_FIRST, 5));
        rejected(r, chunk(10, ChannelPduHeader.CHANNEL_FLAG_FIRST, 11), "flags");
        assertThat(r.feed(chunk(1, ChannelPduHeader.CHANNEL_FLAG_ONLY, 1))).get().isEqualTo(new byte[1]);
    }
}
