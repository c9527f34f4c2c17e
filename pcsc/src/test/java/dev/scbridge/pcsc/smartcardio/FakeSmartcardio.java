package dev.scbridge.pcsc.smartcardio;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import javax.smartcardio.TerminalFactorySpi;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A javax.smartcardio provider with in-memory terminals, to test the adapter without pcscd. */
final class FakeSmartcardio {
    static final byte[] ATR_BYTES = {0x3B, (byte) 0x81, (byte) 0x80, 0x01, (byte) 0x80, (byte) 0x80};
    /** The provider instantiates its SPI reflectively, so the terminals live here; tests reset them. */
    static final List<Terminal> TERMINALS = new CopyOnWriteArrayList<>();

    private FakeSmartcardio() {
    }

    static TerminalFactory factory() throws Exception {
        Provider p = new Provider("FakeSmartcardio", "1", "test") {
            {
                put("TerminalFactory.Fake", Spi.class.getName());
            }
        };
        return TerminalFactory.getInstance("Fake", null, p);
    }

    public static final class Spi extends TerminalFactorySpi {
        public Spi(Object params) {
        }

        @Override
        protected CardTerminals engineTerminals() {
            return new CardTerminals() {
                @Override
                public List<CardTerminal> list(State state) {
                    return List.copyOf(TERMINALS);
                }

                @Override
                public boolean waitForChange(long timeout) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    static final class Terminal extends CardTerminal {
        final String name;
        volatile boolean present;
        final List<byte[]> commands = new CopyOnWriteArrayList<>();

        Terminal(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Card connect(String protocol) throws CardException {
            if (!present) {
                throw new CardException("connect() failed", new Exception("SCARD_E_NO_SMARTCARD"));
            }
            return new FakeCard(this, protocol.equals("*") ? "T=1" : protocol);
        }

        @Override
        public boolean isCardPresent() {
            return present;
        }

        @Override
        public boolean waitForCardPresent(long timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean waitForCardAbsent(long timeout) {
            throw new UnsupportedOperationException();
        }
    }

    static final class FakeCard extends Card {
        final Terminal terminal;
        final String protocol;
        boolean disconnectedWithReset;

        FakeCard(Terminal terminal, String protocol) {
            this.terminal = terminal;
            this.protocol = protocol;
        }

        @Override
        public ATR getATR() {
            return new ATR(ATR_BYTES);
        }

        @Override
        public String getProtocol() {
            return protocol;
        }

        @Override
        public CardChannel getBasicChannel() {
            FakeCard card = this;
            return new CardChannel() {
                @Override
                public Card getCard() {
                    return card;
                }

                @Override
                public int getChannelNumber() {
                    return 0;
                }

                @Override
                public ResponseAPDU transmit(CommandAPDU command) {
                    terminal.commands.add(command.getBytes());
                    return new ResponseAPDU(new byte[] {(byte) 0x90, 0x00});
                }

                @Override
                public int transmit(ByteBuffer command, ByteBuffer response) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public CardChannel openLogicalChannel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            throw new CardException("SCARD_E_UNSUPPORTED_FEATURE");
        }

        @Override
        public void disconnect(boolean reset) {
            disconnectedWithReset = reset;
        }
    }
}
