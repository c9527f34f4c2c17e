package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.piv.Pivs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainAssemblerTest {
    private final ChainAssembler assembler = new ChainAssembler();

    @Test
    void windows240BytePieces_assemble() {
        byte[] data = CommandApduTest.filled(600, 0x33);
        List<CommandApdu> pieces = CommandChaining.split(new CommandApdu(0x00, 0x87, 0x07, 0x9A, data, 256), 240);
        assertThat(pieces).extracting(CommandApdu::nc).containsExactly(240, 240, 120);
        assertThat(assembler.accept(pieces.get(0))).isInstanceOf(ChainAssembler.Step.More.class);
        assertThat(assembler.inChain()).isTrue();
        assertThat(assembler.accept(pieces.get(1))).isInstanceOf(ChainAssembler.Step.More.class);
        ChainAssembler.Step last = assembler.accept(pieces.get(2));
        assertThat(last).isEqualTo(new ChainAssembler.Step.Complete(new CommandApdu(0x00, 0x87, 0x07, 0x9A, data, 256)));
        assertThat(assembler.inChain()).isFalse();
    }

    @Test
    void realChainedSign_assembles() throws DecodeException {
        // piv-apdus.txt lines 126 (CLA 10, 217 bytes) and 138 (CLA 00, 49 bytes)
        assertThat(assembler.accept(CommandApdu.parse(PivApduVectors.at(126).bytes())))
                .isInstanceOf(ChainAssembler.Step.More.class);
        ChainAssembler.Step last = assembler.accept(CommandApdu.parse(PivApduVectors.at(138).bytes()));
        CommandApdu whole = ((ChainAssembler.Step.Complete) last).command();
        assertThat(whole.nc()).isEqualTo(266);
        assertThat(whole.cla()).isZero();
        assertThat(Tlv.lengthBytes(whole.nc() - 4)).isEqualTo(Hex.decode("82 01 06"));
    }

    @Test
    void pieces255_assemble() {
        byte[] data = CommandApduTest.filled(1000, 0x44);
        ChainAssembler.Step step = null;
        for (CommandApdu p : CommandChaining.split(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, data), 255)) {
            step = assembler.accept(p);
        }
        assertThat(((ChainAssembler.Step.Complete) step).command().data()).isEqualTo(data);
    }

    @Test
    void loneCommand_completesAsIs() {
        CommandApdu select = new CommandApdu(0x00, 0xA4, 0x04, 0x00, Pivs.AID);
        assertThat(assembler.accept(select)).isEqualTo(new ChainAssembler.Step.Complete(select));
    }

    @Test
    void interruptedChain_dropsChainAndRunsNewCommand() {
        assembler.accept(new CommandApdu(0x10, 0xDB, 0x3F, 0xFF, new byte[240]));
        CommandApdu getData = new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, Hex.decode("5C 01 7E"), 256);
        assertThat(assembler.accept(getData)).isEqualTo(new ChainAssembler.Step.Complete(getData));
        assertThat(assembler.inChain()).isFalse();
    }

    @Test
    void interruptedByAnotherChain_startsThatChain() {
        assembler.accept(new CommandApdu(0x10, 0xDB, 0x3F, 0xFF, new byte[240]));
        assertThat(assembler.accept(new CommandApdu(0x10, 0x87, 0x07, 0x9A, new byte[] {1})))
                .isInstanceOf(ChainAssembler.Step.More.class);
        ChainAssembler.Step last = assembler.accept(new CommandApdu(0x00, 0x87, 0x07, 0x9A, new byte[] {2}));
        assertThat(((ChainAssembler.Step.Complete) last).command().data()).containsExactly(1, 2);
    }

    @Test
    void oversizedChain_rejectedWithWrongLength() {
        byte[] piece = new byte[255];
        ChainAssembler.Step step = null;
        int sent = 0;
        while (sent <= CommandApdu.MAX_DATA_LENGTH) {
            step = assembler.accept(new CommandApdu(0x10, 0xDB, 0x3F, 0xFF, piece));
            sent += piece.length;
        }
        assertThat(step).isEqualTo(new ChainAssembler.Step.Reject(StatusWord.WRONG_LENGTH));
        assertThat(assembler.inChain()).isFalse();
    }

    @Test
    void reset_dropsPartialChain() {
        assembler.accept(new CommandApdu(0x10, 0xDB, 0x3F, 0xFF, new byte[10]));
        assembler.reset();
        CommandApdu last = new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, new byte[] {7});
        assertThat(assembler.accept(last)).isEqualTo(new ChainAssembler.Step.Complete(last));
    }
}
