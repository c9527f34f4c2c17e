package dev.scbridge.pcsc.vpcd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static dev.scbridge.pcsc.vpcd.VpcdFrameDecoderTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

class VpcdCardHandlerTest {
    private static EmbeddedChannel channel(FakeCard card) {
        return new EmbeddedChannel(new VpcdFrameDecoder(), new VpcdFrameEncoder(), new VpcdCardHandler(card, Runnable::run));
    }

    private static String reply(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    @Test
    void getAtr_answeredWithTheAtr() {
        FakeCard card = FakeCard.ok();
        EmbeddedChannel ch = channel(card);
        ch.writeInbound(Unpooled.wrappedBuffer(hex("000104")));
        assertThat(reply(ch)).isEqualTo("00043b021450");
    }

    @Test
    void powerAndReset_changeTheCardAndAreNotAnswered() {
        FakeCard card = FakeCard.ok();
        EmbeddedChannel ch = channel(card);
        ch.writeInbound(Unpooled.wrappedBuffer(hex("000100 000101 000102")));
        assertThat(reply(ch)).isNull();
        assertThat(card.calls).containsExactly("powerOff", "reset", "reset");
    }

    @Test
    void apdu_answeredWithTheResponse() {
        FakeCard card = new FakeCard(c -> hex("0102 9000"));
        EmbeddedChannel ch = channel(card);
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0005 00CB3FFF00")));
        assertThat(reply(ch)).isEqualTo("000401029000");
        assertThat(card.calls).containsExactly("transmit 5");
    }

    @Test
    void responseTooLongForAFrame_answered6700() {
        EmbeddedChannel ch = channel(new FakeCard(c -> new byte[0x10001]));
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0007 00CB3FFF000000")));
        assertThat(reply(ch)).isEqualTo("00026700");
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void cardThatThrows_answered6F00() {
        EmbeddedChannel ch = channel(new FakeCard(c -> {
            throw new IllegalStateException("bug");
        }));
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0004 00000000")));
        assertThat(reply(ch)).isEqualTo("00026f00");
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void garbage_closesTheConnectionWithoutThrowing() {
        FakeCard card = FakeCard.ok();
        EmbeddedChannel ch = channel(card);
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0000 DEADBEEF")));
        assertThat(ch.isActive()).isFalse();
        assertThat(reply(ch)).isNull();
        assertThat(card.calls).containsExactly("powerOff");
    }

    @Test
    void unknownControl_closesTheConnection() {
        EmbeddedChannel ch = channel(FakeCard.ok());
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0001FF")));
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void truncatedFrameAtClose_loggedNotThrown() {
        FakeCard card = FakeCard.ok();
        EmbeddedChannel ch = channel(card);
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0010 00A4")));
        ch.finish();
        assertThat(card.calls).containsExactly("powerOff");
    }

    @Test
    void connectionEnd_powersTheCardOff() {
        FakeCard card = FakeCard.ok();
        EmbeddedChannel ch = channel(card);
        ch.close();
        assertThat(card.calls).containsExactly("powerOff");
    }
}
