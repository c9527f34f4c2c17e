package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApduTransportTest {
    @Test
    void ofBytes_encodesCommandAndParsesResponse() throws IOException {
        List<byte[]> sent = new ArrayList<>();
        ApduTransport t = ApduTransport.ofBytes(cmd -> {
            sent.add(cmd);
            // piv-apdus.txt line 55: GET VERSION answer, firmware 5.2.4
            return Hex.decode("05 02 04 90 00");
        });
        ResponseApdu r = t.transmit(new CommandApdu(0x00, 0xFD, 0x00, 0x00));
        // piv-apdus.txt line 48: GET VERSION as a 4-byte case-1 APDU
        assertThat(sent).containsExactly(Hex.decode("00 FD 00 00"));
        assertThat(r.data()).containsExactly(5, 2, 4);
    }

    @Test
    void ofBytes_malformedResponse_failsAsIoException() {
        ApduTransport t = ApduTransport.ofBytes(cmd -> new byte[] {(byte) 0x90});
        assertThatThrownBy(() -> t.transmit(new CommandApdu(0, 0xFD, 0, 0)))
                .isInstanceOf(IOException.class).hasMessageContaining("SW").hasCauseInstanceOf(DecodeException.class);
    }

    @Test
    void chainingSteps_stack() throws IOException {
        byte[] data = CommandApduTest.filled(300, 7);
        FakeCard card = FakeCard.chunking(data, 256);
        ApduTransport host = new CommandChaining(new ResponseChaining(card));
        ResponseApdu r = host.transmit(new CommandApdu(0, 0xCB, 0x3F, 0xFF, Hex.decode("5C 03 5F C1 05"), 256));
        assertThat(r.data()).isEqualTo(data);
    }
}
