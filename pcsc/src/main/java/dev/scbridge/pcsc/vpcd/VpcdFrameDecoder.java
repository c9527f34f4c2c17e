package dev.scbridge.pcsc.vpcd;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits vpcd's byte stream into {@link VpcdMessage}s.
 * <pre>
 * BEFORE (7 bytes)                       AFTER
 * +--------+-------+------------------+   +-----------------------+
 * | 00 05  | 00 A4 04 00 00 ...       |-->| Apdu[00 A4 04 00 00]  |
 * +--------+--------------------------+   +-----------------------+
 * | 00 01  | 04                       |-->| Control[GET_ATR]      |
 * +--------+--------------------------+   +-----------------------+
 * </pre>
 * A zero length, an unknown control byte, a length over the limit, or a stream that ends inside a frame is a
 * {@link VpcdFrameException}; the link then closes the connection with a log line.
 */
public final class VpcdFrameDecoder extends ByteToMessageDecoder {
    /** The largest frame the 2-byte length can express (design.md limits: the vpcd frame at most 0xFFFF bytes). */
    public static final int MAX_FRAME = 0xFFFF;
    /** Length field size. */
    static final int HEADER = 2;

    private final int maxFrame;
    private boolean broken;

    /** A decoder taking frames up to {@link #MAX_FRAME} bytes. */
    public VpcdFrameDecoder() {
        this(MAX_FRAME);
    }

    /** A decoder with a lower limit, 1..{@value #MAX_FRAME} bytes. */
    public VpcdFrameDecoder(int maxFrame) {
        if (maxFrame < 1 || maxFrame > MAX_FRAME) {
            throw new IllegalArgumentException("maxFrame must be 1.." + MAX_FRAME + ": " + maxFrame);
        }
        this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (length == 0) {
            fail(in, "empty frame (expected: length 1.." + maxFrame + ")");
        }
        if (length > maxFrame) {
            fail(in, "frame too long: " + length + " bytes (expected: at most " + maxFrame + ")");
        }
        if (in.readableBytes() < HEADER + length) {
            return;
        }
        in.skipBytes(HEADER);
        if (length == 1) {
            int code = in.readUnsignedByte();
            try {
                out.add(new VpcdMessage.Control(VpcdControl.fromCode(code)));
            } catch (VpcdFrameException e) {
                broken = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
        } else {
            byte[] apdu = new byte[length];
            in.readBytes(apdu);
            out.add(new VpcdMessage.Apdu(apdu));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!broken && in.isReadable()) {
            int have = in.readableBytes();
            String what = have < HEADER
                    ? "truncated frame: " + have + " byte of the 2-byte length"
                    : "truncated frame: " + (have - HEADER) + " of " + in.getUnsignedShort(in.readerIndex())
                            + " bytes";
            broken = true;
            in.skipBytes(have);
            throw new VpcdFrameException(what);
        }
    }

    private void fail(ByteBuf in, String message) {
        broken = true;
        in.skipBytes(in.readableBytes());
        throw new VpcdFrameException(message);
    }
}
