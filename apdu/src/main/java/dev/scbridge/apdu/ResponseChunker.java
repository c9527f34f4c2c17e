package dev.scbridge.apdu;

import java.util.Arrays;

/**
 * Card side of response chaining: a response longer than the host asked for (or than a short APDU carries) goes
 * out in pieces of at most 256 bytes, each but the last ending {@code 61xx} (xx = bytes left, 00 = 256 or more),
 * fetched with GET RESPONSE. This is what Windows' PIV minidriver needs: it offers a 258-byte receive buffer.
 *
 * <p>Not thread-safe: one per card.
 */
public final class ResponseChunker {
    /** A short response carries at most 256 data bytes (ISO/IEC 7816-4 5.1). */
    public static final int MAX_CHUNK = 256;

    private byte[] rest;
    private int restSw;

    /**
     * First piece of {@code data + sw} for a command that expected {@code ne} bytes (0 = no Le: treated as 256).
     * An extended command with a large Ne gets the whole response at once.
     */
    public ResponseApdu start(byte[] data, int sw, int ne) {
        rest = null;
        int limit = ne > MAX_CHUNK ? ne : MAX_CHUNK;
        if (data.length <= limit) {
            return new ResponseApdu(data, sw);
        }
        return emit(data, sw, limit);
    }

    /** The next piece for GET RESPONSE with {@code ne}; null when nothing is pending (caller answers 6A80). */
    public ResponseApdu next(int ne) {
        if (rest == null) {
            return null;
        }
        byte[] data = rest;
        int sw = restSw;
        rest = null;
        int limit = ne == 0 ? MAX_CHUNK : Math.min(ne, MAX_CHUNK);
        if (data.length <= limit) {
            return new ResponseApdu(data, sw);
        }
        return emit(data, sw, limit);
    }

    private ResponseApdu emit(byte[] data, int sw, int limit) {
        rest = Arrays.copyOfRange(data, limit, data.length);
        restSw = sw;
        return new ResponseApdu(Arrays.copyOf(data, limit), StatusWord.bytesRemaining(rest.length));
    }

    public boolean hasPending() {
        return rest != null;
    }

    /** Any command other than GET RESPONSE drops what was pending (ISO/IEC 7816-4 5.3.4). */
    public void reset() {
        rest = null;
    }
}
