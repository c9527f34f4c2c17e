package dev.scbridge.pcsc.vpcd;

import io.netty.handler.codec.DecoderException;

/** A broken vpcd frame (design.md error model: a close with a log line; the process goes on). */
public final class VpcdFrameException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public VpcdFrameException(String message) {
        super(message);
    }
}
