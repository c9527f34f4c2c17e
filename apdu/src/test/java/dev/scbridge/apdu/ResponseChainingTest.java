package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResponseChainingTest {
    private static final CommandApdu GET_CERT =
            new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, Hex.decode("5C 03 5F C1 05"), 256);

    @Test
    void collects61xxPieces() throws IOException {
        byte[] data = CommandApduTest.filled(600, 0x42);
        FakeCard card = FakeCard.chunking(data, 256);
        ResponseApdu r = new ResponseChaining(card).transmit(GET_CERT);
        assertThat(r.data()).isEqualTo(data);
        assertThat(r.sw()).isEqualTo(0x9000);
        // 256 + 6100, then GET RESPONSE Le=00 (256) -> 256 + 6158, then GET RESPONSE Le=58 -> 88 + 9000
        assertThat(card.received).hasSize(3);
        assertThat(card.received.get(1).encode()).isEqualTo(Hex.decode("00 C0 00 00 00"));
        assertThat(card.received.get(2).encode()).isEqualTo(Hex.decode("00 C0 00 00 58"));
    }

    @Test
    void realRsaSignature_256PlusEight() throws IOException, DecodeException {
        // piv-apdus.txt line 146 (first 256 data bytes; opensc-tool printed 90 00 where the card said 61 08) and
        // line 158 (the 8 bytes GET RESPONSE returned): a YubiKey's RSA-2048 signature template, 264 bytes.
        byte[] part1 = ResponseApdu.parse(PivApduVectors.at(146).bytes()).data();
        byte[] part2 = ResponseApdu.parse(PivApduVectors.at(158).bytes()).data();
        FakeCard card = new FakeCard(c -> c.ins() == 0xC0 ? new ResponseApdu(part2, 0x9000)
                : new ResponseApdu(part1, 0x6108));
        ResponseApdu r = new ResponseChaining(card).transmit(CommandApdu.parse(PivApduVectors.at(138).bytes()));
        assertThat(r.length()).isEqualTo(264);
        assertThat(Arrays.copyOf(r.data(), 4)).isEqualTo(Hex.decode("7C 82 01 04"));
        assertThat(card.received.get(1).encode()).isEqualTo(Hex.decode("00 C0 00 00 08"));
    }

    @Test
    void wrongLe_retriedOnceWithExactLength() throws IOException {
        FakeCard card = new FakeCard(c -> c.ne() == 0x10 ? new ResponseApdu(new byte[16], 0x9000)
                : new ResponseApdu(0x6C10));
        ResponseApdu r = new ResponseChaining(card).transmit(new CommandApdu(0x00, 0xFD, 0, 0, null, 256));
        assertThat(r.length()).isEqualTo(16);
        assertThat(card.received).extracting(CommandApdu::ne).containsExactly(256, 16);
    }

    @Test
    void noMoreData_passesThrough() throws IOException {
        FakeCard card = new FakeCard(c -> new ResponseApdu(0x6A82));
        assertThat(new ResponseChaining(card).transmit(GET_CERT).sw()).isEqualTo(0x6A82);
        assertThat(card.received).hasSize(1);
    }

    @Test
    void endlessMoreData_failsAfterMaxRounds() {
        FakeCard card = new FakeCard(c -> new ResponseApdu(new byte[] {1}, 0x6100));
        assertThatThrownBy(() -> new ResponseChaining(card, 3).transmit(GET_CERT))
                .isInstanceOf(IOException.class).hasMessageContaining("3 GET RESPONSE rounds");
        assertThat(card.received).hasSize(4);
    }

    @Test
    void defaultBound_coversLargestExtendedResponse() {
        assertThat(ResponseChaining.MAX_ROUNDS * 256).isGreaterThanOrEqualTo(CommandApdu.MAX_NE);
        FakeCard card = new FakeCard(c -> new ResponseApdu(0x6100));
        assertThatThrownBy(() -> new ResponseChaining(card).transmit(GET_CERT)).isInstanceOf(IOException.class);
        assertThat(card.received).hasSize(ResponseChaining.MAX_ROUNDS + 1);
    }

    @Test
    void getResponse_asksForAnnouncedLength() {
        assertThat(ResponseChaining.getResponse(0x6100).ne()).isEqualTo(256);
        assertThat(ResponseChaining.getResponse(0x61D4).encode()).isEqualTo(Hex.decode("00 C0 00 00 D4"));
    }

    @Test
    void maxRoundsMustBePositive() {
        assertThatThrownBy(() -> new ResponseChaining(c -> null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
