package dev.scbridge.pcsc.vpcd;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a reply (ATR or response APDU) as one vpcd frame: 2-byte big-endian length, then the bytes, in one buffer
 * so that it leaves in one TCP segment. A payload of 0 or more than {@value VpcdFrameDecoder#MAX_FRAME} bytes cannot
 * be framed and is an {@link EncoderException} (the card handler never sends one: it answers {@code 6700} instead).
 */
@Sharable
public final class VpcdFrameEncoder extends MessageToByteEncoder<byte[]> {
    public VpcdFrameEncoder() {
        super(byte[].class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] payload, ByteBuf out) {
        if (payload.length < 1 || payload.length > VpcdFrameDecoder.MAX_FRAME) {
            throw new EncoderException("reply of " + payload.length + " bytes cannot be framed (expected: 1.."
                    + VpcdFrameDecoder.MAX_FRAME + ")");
        }
        out.ensureWritable(VpcdFrameDecoder.HEADER + payload.length);
        out.writeShort(payload.length);
        out.writeBytes(payload);
    }
}
