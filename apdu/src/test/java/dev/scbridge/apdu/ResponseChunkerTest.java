package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseChunkerTest {
    private final ResponseChunker chunker = new ResponseChunker();

    /**
     * The Windows pattern of windows-logon-trace.txt steps 085-094: a 1236-byte certificate object read with Le=00
     * comes back as 256 + 6100 three times, 256 + 61D4, then GET RESPONSE Le=D4 gives 212 + 9000. Every R-APDU
     * must equal the one Windows accepted, byte for byte.
     */
    @Test
    void windowsCertificateRead_matchesTrace() {
        List<byte[]> trace = TraceVectors.windowsCertificateRead();
        byte[] object = TraceVectors.windowsCertificateObject();
        assertThat(object).hasSize(1236);
        // GET DATA 00 CB 3F FF 05 5C 03 5F C1 05 00: Le=00, Ne=256
        assertThat(chunker.start(object, 0x9000, 256).encode()).isEqualTo(trace.get(0));
        // GET RESPONSE 00 C0 00 00 00, three times
        assertThat(chunker.next(256).encode()).isEqualTo(trace.get(1));
        assertThat(chunker.next(256).encode()).isEqualTo(trace.get(2));
        ResponseApdu fourth = chunker.next(256);
        assertThat(fourth.encode()).isEqualTo(trace.get(3));
        assertThat(fourth.sw()).isEqualTo(0x61D4);
        // GET RESPONSE 00 C0 00 00 D4
        ResponseApdu last = chunker.next(0xD4);
        assertThat(last.encode()).isEqualTo(trace.get(4));
        assertThat(last.length()).isEqualTo(212);
        assertThat(chunker.hasPending()).isFalse();
        assertThat(chunker.next(0)).isNull();
    }

    @Test
    void shortResponse_goesWhole() {
        ResponseApdu r = chunker.start(new byte[256], 0x9000, 0);
        assertThat(r.length()).isEqualTo(256);
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(chunker.hasPending()).isFalse();
    }

    @Test
    void extendedNe_getsWholeResponse() {
        ResponseApdu r = chunker.start(new byte[1236], 0x9000, 65_536);
        assertThat(r.length()).isEqualTo(1236);
        assertThat(chunker.hasPending()).isFalse();
    }

    @Test
    void getResponseWithSmallLe_splitsFurther() {
        chunker.start(new byte[300], 0x9000, 256);
        ResponseApdu r = chunker.next(0x10);
        assertThat(r.length()).isEqualTo(16);
        assertThat(r.sw()).isEqualTo(0x6100 | 28);
        assertThat(chunker.next(0).length()).isEqualTo(28);
    }

    @Test
    void errorStatus_keptForLastPiece() {
        chunker.start(new byte[260], 0x6282, 0);
        assertThat(chunker.next(0).sw()).isEqualTo(0x6282);
    }

    @Test
    void reset_dropsPending() {
        chunker.start(new byte[600], 0x9000, 0);
        chunker.reset();
        assertThat(chunker.hasPending()).isFalse();
        assertThat(chunker.next(0)).isNull();
    }
}
