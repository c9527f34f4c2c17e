package dev.scbridge.pcsc.vpcd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import static dev.scbridge.pcsc.vpcd.VpcdFrameDecoderTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VpcdFrameEncoderTest {
    @Test
    void reply_framedWithBigEndianLength() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameEncoder());
        // The ATR of the recorded Windows logon trace (docs/virtual-card.md).
        ch.writeOutbound((Object) hex("3B9513810180 73FF01000B"));
        ByteBuf out = ch.readOutbound();
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("000b3b951381018073ff01000b");
        out.release();
    }

    @Test
    void largestReply_framed() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameEncoder());
        ch.writeOutbound((Object) new byte[0xFFFF]);
        ByteBuf out = ch.readOutbound();
        assertThat(out.readableBytes()).isEqualTo(2 + 0xFFFF);
        assertThat(out.getUnsignedShort(0)).isEqualTo(0xFFFF);
        out.release();
    }

    @Test
    void emptyReply_rejected() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameEncoder());
        assertThatThrownBy(() -> ch.writeOutbound((Object) new byte[0])).isInstanceOf(EncoderException.class);
    }

    @Test
    void replyOverTheLimit_rejected() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameEncoder());
        assertThatThrownBy(() -> ch.writeOutbound((Object) new byte[0x10000]))
                .isInstanceOf(EncoderException.class).hasMessageContaining("65536 bytes cannot be framed");
    }
}
