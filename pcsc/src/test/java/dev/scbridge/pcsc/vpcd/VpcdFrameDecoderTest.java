package dev.scbridge.pcsc.vpcd;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VpcdFrameDecoderTest {
    // SELECT PIV as OpenSC sends it: 00 A4 04 00 09 A0 00 00 03 08 00 00 10 00 (sent by vpcd after a 00 0E length).
    private static final byte[] SELECT_FRAME = hex("000E 00A4040009A00000030800001000");

    @Test
    void apduFrame_decoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0005 00A4040000")));
        assertThat((Object) ch.readInbound()).isEqualTo(new VpcdMessage.Apdu(hex("00A4040000")));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void controlFrames_decoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(hex("000100 000101 000102 000104")));
        for (VpcdControl c : VpcdControl.values()) {
            assertThat((Object) ch.readInbound()).isEqualTo(new VpcdMessage.Control(c));
        }
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void frameSplitAcrossReads_decodedOnceComplete() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        byte[] frame = hex("0005 00A4040000");
        for (int i = 0; i < frame.length - 1; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {frame[i]}));
            assertThat((Object) ch.readInbound()).isNull();
        }
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {frame[frame.length - 1]}));
        assertThat((Object) ch.readInbound()).isEqualTo(new VpcdMessage.Apdu(hex("00A4040000")));
    }

    @Test
    void twoByteApdu_isAnApduNotAControl() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(hex("0002 0004")));
        assertThat((Object) ch.readInbound()).isEqualTo(new VpcdMessage.Apdu(hex("0004")));
    }

    @Test
    void largestFrame_decoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        byte[] frame = new byte[2 + 0xFFFF];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFF;
        ch.writeInbound(Unpooled.wrappedBuffer(frame));
        VpcdMessage.Apdu apdu = ch.readInbound();
        assertThat(apdu.bytes()).hasSize(0xFFFF);
    }

    @Test
    void emptyFrame_fails() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(hex("0000"))))
                .isInstanceOf(VpcdFrameException.class).hasMessageContaining("empty frame");
    }

    @Test
    void unknownControl_fails() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(hex("000103"))))
                .isInstanceOf(VpcdFrameException.class).hasMessageContaining("unknown control code 0x03");
    }

    @Test
    void frameOverTheLimit_failsBeforeItsBodyArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder(16));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(hex("0011"))))
                .isInstanceOf(VpcdFrameException.class)
                .hasMessage("frame too long: 17 bytes (expected: at most 16)");
    }

    @Test
    void truncatedBody_failsAtEndOfStream() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(hex("000E 00A404")));
        assertThat((Object) ch.readInbound()).isNull();
        assertThatThrownBy(ch::finish).isInstanceOf(VpcdFrameException.class)
                .hasMessage("truncated frame: 3 of 14 bytes");
    }

    @Test
    void truncatedLength_failsAtEndOfStream() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(hex("00")));
        assertThatThrownBy(ch::finish).isInstanceOf(VpcdFrameException.class)
                .hasMessage("truncated frame: 1 byte of the 2-byte length");
    }

    @Test
    void afterABrokenFrame_laterBytesAreDropped() {
        EmbeddedChannel ch = new EmbeddedChannel(new VpcdFrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(hex("0000"))))
                .isInstanceOf(VpcdFrameException.class);
        ch.writeInbound(Unpooled.wrappedBuffer(SELECT_FRAME));
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void limitOutOfRange_rejected() {
        assertThatThrownBy(() -> new VpcdFrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VpcdFrameDecoder(0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] hex(String s) {
        String h = s.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
