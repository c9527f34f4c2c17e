package dev.scbridge.bridge;

import dev.scbridge.apdu.ApduTransport.RawTransport;
import dev.scbridge.apdu.StatusWord;

import java.io.IOException;

/**
 * The raw card edge as Windows' smart-card stack uses it over RDP: every response must fit the 258-byte receive
 * buffer Windows offers (MS-RDPESC Transmit_Call cbRecvLength = 258 in the recorded logon: 256 data bytes + SW),
 * and each exchange is timed and reported as an {@link ExchangeStep}.
 */
final class RecordingTransport implements RawTransport {
    /** cbRecvLength of every Transmit in the recorded Windows logon (shared/vectors/windows-logon-trace.txt). */
    static final int RECEIVE_BUFFER = 258;

    private final RawTransport card;
    private final ExchangeListener listener;
    private int count;
    private long totalNanos;

    RecordingTransport(RawTransport card, ExchangeListener listener) {
        this.card = card;
        this.listener = listener;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        long start = System.nanoTime();
        byte[] response = card.transmit(command);
        long nanos = System.nanoTime() - start;
        totalNanos += nanos;
        count++;
        if (response == null || response.length < 2) {
            throw new IOException("the card answered " + (response == null ? "nothing" : response.length + " byte(s)")
                    + " to " + ApduNames.describe(command) + " (expected: 2+ bytes)");
        }
        int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        listener.apdu(new ExchangeStep(count, ApduNames.describe(command), command.length, response.length, sw, nanos));
        if (response.length > RECEIVE_BUFFER) {
            throw new IOException("the card answered " + response.length + " bytes to " + ApduNames.describe(command)
                    + "; Windows offers a " + RECEIVE_BUFFER + "-byte receive buffer (256 data bytes, then 61xx), "
                    + "status " + StatusWord.hex(sw));
        }
        return response;
    }

    int count() {
        return count;
    }

    long totalNanos() {
        return totalNanos;
    }
}
