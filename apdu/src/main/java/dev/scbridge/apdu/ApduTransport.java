package dev.scbridge.apdu;

import java.io.IOException;

/**
 * The one narrow seam between APDU logic and whatever carries APDUs (an in-process card, PC/SC, vpcd).
 * Steps such as {@link CommandChaining} and {@link ResponseChaining} wrap a transport and are themselves transports.
 */
@FunctionalInterface
public interface ApduTransport {
    ResponseApdu transmit(CommandApdu command) throws IOException;

    /** A transport over raw bytes: encodes the command and parses the response. */
    static ApduTransport ofBytes(RawTransport raw) {
        return command -> {
            byte[] response = raw.transmit(command.encode());
            try {
                return ResponseApdu.parse(response);
            } catch (DecodeException e) {
                throw new IOException("malformed response APDU: " + e.getMessage(), e);
            }
        };
    }

    /** Bytes in, bytes out: the card edge as a transport sees it. */
    @FunctionalInterface
    interface RawTransport {
        byte[] transmit(byte[] command) throws IOException;
    }
}
