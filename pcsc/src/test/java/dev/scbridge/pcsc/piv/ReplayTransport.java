package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fake card that replays recorded exchanges: each expected command is compared with what the client sent
 * (CLA with the chaining bit cleared, INS, P1, P2 and the data, pieces of a chain joined first). Le is not compared:
 * the Yubico traces omit it where our client sends {@code 00}; both are valid short APDUs (ISO/IEC 7816-4 5.1).
 */
final class ReplayTransport implements ApduTransport {
    private record Exchange(CommandApdu command, byte[] response) {
    }

    private final Deque<Exchange> expected = new ArrayDeque<>();
    private final ByteArrayOutputStream chain = new ByteArrayOutputStream();

    ReplayTransport expect(String commandHex, String responseHex) {
        try {
            expected.add(new Exchange(CommandApdu.parse(Hex.decode(commandHex)), Hex.decode(responseHex)));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** Puts an exchange before all others (the SELECT every session starts with). */
    ReplayTransport expectFirst(String commandHex, String responseHex) throws DecodeException {
        expected.addFirst(new Exchange(CommandApdu.parse(Hex.decode(commandHex)), Hex.decode(responseHex)));
        return this;
    }

    ReplayTransport expect(CommandApdu command, String responseHex) {
        expected.add(new Exchange(command, Hex.decode(responseHex)));
        return this;
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) {
        if (command.isChained()) {
            chain.writeBytes(command.data());
            return new ResponseApdu(0x9000);
        }
        chain.writeBytes(command.data());
        byte[] data = chain.toByteArray();
        chain.reset();
        assertThat(expected).as("an unexpected command was sent: %s", command).isNotEmpty();
        Exchange e = expected.removeFirst();
        assertThat(new int[] {command.cla(), command.ins(), command.p1(), command.p2()})
                .as("header of %s", e.command()).containsExactly(e.command().cla() & ~0x10, e.command().ins(),
                        e.command().p1(), e.command().p2());
        assertThat(Hex.spaced(data)).as("data of %s", e.command()).isEqualTo(Hex.spaced(e.command().data()));
        try {
            return ResponseApdu.parse(Arrays.copyOf(e.response(), e.response().length));
        } catch (DecodeException ex) {
            throw new IllegalStateException(ex);
        }
    }

    void assertDone() {
        assertThat(expected).as("exchanges not sent").isEmpty();
    }
}
