package dev.scbridge.apdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Host side of response chaining, ISO/IEC 7816-4 5.3.4 / SP 800-73-4 Part 2: while the card answers {@code 61xx},
 * fetch the rest with GET RESPONSE {@code 00 C0 00 00 xx}. A {@code 6Cxx} (wrong Le) is retried once with the
 * exact length, as yubico-piv-tool does. The number of rounds is bounded by {@link #MAX_ROUNDS}.
 */
public final class ResponseChaining implements ApduTransport {
    /** 257 rounds of 256 bytes cover the largest response an extended APDU can announce (65,536 bytes). */
    public static final int MAX_ROUNDS = 257;
    public static final int INS_GET_RESPONSE = 0xC0;

    private final ApduTransport next;
    private final int maxRounds;

    public ResponseChaining(ApduTransport next) {
        this(next, MAX_ROUNDS);
    }

    public ResponseChaining(ApduTransport next, int maxRounds) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be positive");
        }
        this.next = next;
        this.maxRounds = maxRounds;
    }

    /** GET RESPONSE asking for the length a 61xx announced (00 = 256). */
    public static CommandApdu getResponse(int sw) {
        int sw2 = StatusWord.sw2(sw);
        return new CommandApdu(0x00, INS_GET_RESPONSE, 0x00, 0x00, null, sw2 == 0 ? 256 : sw2);
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws IOException {
        ResponseApdu r = next.transmit(command);
        if (StatusWord.sw1(r.sw()) == 0x6C) {
            r = next.transmit(command.withNe(r.sw2() == 0 ? 256 : r.sw2()));
        }
        if (!StatusWord.hasMoreData(r.sw())) {
            return r;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(r.data());
        int rounds = 0;
        while (StatusWord.hasMoreData(r.sw())) {
            if (++rounds > maxRounds) {
                throw new IOException("card announced more data after " + maxRounds + " GET RESPONSE rounds");
            }
            r = next.transmit(getResponse(r.sw()));
            data.writeBytes(r.data());
        }
        return new ResponseApdu(data.toByteArray(), r.sw());
    }
}
