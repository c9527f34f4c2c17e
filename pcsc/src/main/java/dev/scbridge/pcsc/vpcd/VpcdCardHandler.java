package dev.scbridge.pcsc.vpcd;

import dev.scbridge.card.CardEdge;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Plays vpcd's messages against the card: controls become power-off / reset, GET ATR and APDUs are answered.
 * Every call to the card is handed to the link's single card executor, in arrival order, so the card sees one
 * thread (it is thread-confined, design.md) and slow operations (RSA key generation) never hold the I/O thread.
 * Nothing from an APDU is logged but its length (a VERIFY carries a PIN).
 */
final class VpcdCardHandler extends SimpleChannelInboundHandler<VpcdMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(VpcdCardHandler.class);
    /** ISO 7816-4: wrong length; the answer would not fit a vpcd frame. */
    static final byte[] SW_WRONG_LENGTH = {0x67, 0x00};
    /** ISO 7816-4: no precise diagnosis; the card failed internally. */
    static final byte[] SW_NO_DIAGNOSIS = {0x6F, 0x00};

    private final CardEdge card;
    private final Executor cardThread;

    /** {@code cardThread} must run tasks one at a time in submission order (a single-thread executor). */
    VpcdCardHandler(CardEdge card, Executor cardThread) {
        this.card = card;
        this.cardThread = cardThread;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, VpcdMessage msg) {
        onCardThread(() -> handle(ctx, msg));
    }

    private void onCardThread(Runnable task) {
        try {
            cardThread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("vpcd link closing; a card call was dropped");
        }
    }

    private void handle(ChannelHandlerContext ctx, VpcdMessage msg) {
        if (msg instanceof VpcdMessage.Control c) {
            switch (c.control()) {
                case POWER_OFF -> card.powerOff();
                case POWER_ON, RESET -> card.reset();
                case GET_ATR -> ctx.writeAndFlush(card.atr());
            }
        } else if (msg instanceof VpcdMessage.Apdu a) {
            ctx.writeAndFlush(transmit(a.bytes()));
        }
    }

    private byte[] transmit(byte[] command) {
        byte[] response;
        try {
            response = card.transmit(command);
        } catch (RuntimeException e) {
            LOG.error("card failed on a {}-byte command: {}", command.length, e.getClass().getSimpleName());
            return SW_NO_DIAGNOSIS.clone();
        }
        if (response == null || response.length < 2) {
            LOG.error("card returned {} for a {}-byte command", response == null ? "null" : "a short response",
                    command.length);
            return SW_NO_DIAGNOSIS.clone();
        }
        if (response.length > VpcdFrameDecoder.MAX_FRAME) {
            LOG.warn("response of {} bytes does not fit a vpcd frame (at most {}); answering 6700",
                    response.length, VpcdFrameDecoder.MAX_FRAME);
            return SW_WRONG_LENGTH.clone();
        }
        return response;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // The host side is gone (pcscd stopped, link closed): like pulling the card, its security status goes.
        onCardThread(card::powerOff);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof VpcdFrameException || cause instanceof DecoderException) {
            LOG.warn("vpcd link {}: broken frame: {}; closing the connection", ctx.channel().remoteAddress(),
                    cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.info("vpcd link {}: {}; closing the connection", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            LOG.warn("vpcd link {}: unexpected {}; closing the connection", ctx.channel().remoteAddress(),
                    cause.toString());
        }
        ctx.close();
    }
}
