package dev.scbridge.apdu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A scripted card for host-side tests: records every command and answers with a function of it. Helpers build the
 * answers real cards give (61xx pieces), written here independently of the card-side classes under test.
 */
final class FakeCard implements ApduTransport {
    final List<CommandApdu> received = new ArrayList<>();
    private final Function<CommandApdu, ResponseApdu> answer;

    FakeCard(Function<CommandApdu, ResponseApdu> answer) {
        this.answer = answer;
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) {
        received.add(command);
        return answer.apply(command);
    }

    /** A card that answers the first command with {@code data} in 61xx pieces of {@code piece} bytes. */
    static FakeCard chunking(byte[] data, int piece) {
        int[] sent = {0};
        return new FakeCard(c -> {
            if (sent[0] > 0 && c.ins() != 0xC0) {
                return new ResponseApdu(0x6D00);
            }
            int from = sent[0];
            int to = Math.min(from + piece, data.length);
            sent[0] = to;
            int left = data.length - to;
            int sw = left == 0 ? 0x9000 : 0x6100 | (left >= 256 ? 0 : left);
            return new ResponseApdu(Arrays.copyOfRange(data, from, to), sw);
        });
    }
}
