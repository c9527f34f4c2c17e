package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandChainingTest {
    @Test
    void split_255BytePieces() {
        CommandApdu big = new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, CommandApduTest.filled(600, 0x11), 256);
        List<CommandApdu> pieces = CommandChaining.split(big, CommandChaining.DEFAULT_PIECE_SIZE);
        assertThat(pieces).extracting(CommandApdu::nc).containsExactly(255, 255, 90);
        assertThat(pieces).extracting(CommandApdu::cla).containsExactly(0x10, 0x10, 0x00);
        assertThat(pieces).extracting(CommandApdu::ne).containsExactly(0, 0, 256);
        assertThat(pieces).allMatch(p -> p.ins() == 0xDB && p.p1() == 0x3F && p.p2() == 0xFF);
    }

    @Test
    void split_reproducesRealChainedSign() throws DecodeException {
        // piv-apdus.txt lines 126 and 138: opensc-tool split a 266-byte GENERAL AUTHENTICATE into 217 + 49 bytes.
        CommandApdu first = CommandApdu.parse(PivApduVectors.at(126).bytes());
        CommandApdu last = CommandApdu.parse(PivApduVectors.at(138).bytes());
        byte[] whole = new byte[first.nc() + last.nc()];
        System.arraycopy(first.data(), 0, whole, 0, first.nc());
        System.arraycopy(last.data(), 0, whole, first.nc(), last.nc());
        List<CommandApdu> pieces = CommandChaining.split(new CommandApdu(0x00, 0x87, 0x07, 0x9C, whole), 217);
        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0).encode()).isEqualTo(PivApduVectors.at(126).bytes());
        assertThat(pieces.get(1).encode()).isEqualTo(PivApduVectors.at(138).bytes());
    }

    @Test
    void split_windows240BytePieces() {
        CommandApdu big = new CommandApdu(0x00, 0x87, 0x07, 0x9A, CommandApduTest.filled(266, 0x22));
        assertThat(CommandChaining.split(big, 240)).extracting(CommandApdu::nc).containsExactly(240, 26);
    }

    @Test
    void split_fitsInOnePiece_keepsCommandAndClampsNe() {
        CommandApdu small = new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, Hex.decode("5C 03 5F C1 05"), 65_536);
        assertThat(CommandChaining.split(small, 255)).containsExactly(small.withNe(256));
    }

    @Test
    void transmit_sendsPiecesThenFinalAnswer() throws IOException {
        FakeCard card = new FakeCard(c -> c.isChained() ? new ResponseApdu(0x9000)
                : new ResponseApdu(new byte[] {(byte) c.nc()}, 0x9000));
        ResponseApdu r = new CommandChaining(card)
                .transmit(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, CommandApduTest.filled(300, 1)));
        assertThat(card.received).extracting(CommandApdu::nc).containsExactly(255, 45);
        assertThat(r.data()).containsExactly(45);
    }

    @Test
    void transmit_intermediateError_stopsChain() throws IOException {
        FakeCard card = new FakeCard(c -> new ResponseApdu(0x6982));
        ResponseApdu r = new CommandChaining(card, 240)
                .transmit(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, CommandApduTest.filled(600, 1)));
        assertThat(r.sw()).isEqualTo(0x6982);
        assertThat(card.received).hasSize(1);
    }

    @Test
    void pieceSizeOutOfRange_fails() {
        FakeCard card = new FakeCard(c -> new ResponseApdu(0x9000));
        assertThatThrownBy(() -> new CommandChaining(card, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandChaining(card, 256)).isInstanceOf(IllegalArgumentException.class);
    }
}
