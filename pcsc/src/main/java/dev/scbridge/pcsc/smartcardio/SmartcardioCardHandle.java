package dev.scbridge.pcsc.smartcardio;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link Card} as a card handle; see {@link SmartcardioPcsc} for what is lost. */
final class SmartcardioCardHandle implements CardHandle {
    private final CardTerminal terminal;
    private volatile Card card;

    SmartcardioCardHandle(CardTerminal terminal, Card card, int shareMode, int preferredProtocols) {
        this.terminal = terminal;
        this.card = card;
    }

    /** javax.smartcardio protocol strings for share mode + protocol mask. */
    static String protocolName(int shareMode, int preferred) throws ScardException {
        if (shareMode == Scard.SHARE_DIRECT) {
            return "DIRECT";
        }
        if (shareMode != Scard.SHARE_SHARED && shareMode != Scard.SHARE_EXCLUSIVE) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "share mode " + shareMode);
        }
        int tx = preferred & Scard.PROTOCOL_TX;
        if ((preferred & Scard.PROTOCOL_DEFAULT) != 0 || tx == Scard.PROTOCOL_TX) {
            return "*";
        }
        if (tx == Scard.PROTOCOL_T1) {
            return "T=1";
        }
        if (tx == Scard.PROTOCOL_T0) {
            return "T=0";
        }
        if (preferred == 0) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "no preferred protocol");
        }
        throw new ScardException(ScardError.E_PROTO_MISMATCH, String.format("protocols 0x%08X", preferred));
    }

    static int protocolValue(String name) {
        return switch (name) {
            case "T=0" -> Scard.PROTOCOL_T0;
            case "T=1" -> Scard.PROTOCOL_T1;
            default -> Scard.PROTOCOL_UNDEFINED;
        };
    }

    @Override
    public String readerName() {
        return terminal.getName();
    }

    @Override
    public int activeProtocol() {
        return protocolValue(card.getProtocol());
    }

    /** Through CardChannel.transmit: the provider may handle 61xx / 6Cxx itself (lossy, see SmartcardioPcsc). */
    @Override
    public byte[] transmit(byte[] command) throws ScardException {
        if (command.length < 4 || command.length > Scard.MAX_COMMAND_LENGTH) {
            throw new ScardException(ScardError.E_INVALID_PARAMETER, "command of " + command.length + " bytes");
        }
        try {
            return card.getBasicChannel().transmit(new CommandAPDU(command)).getBytes();
        } catch (CardException | RuntimeException e) {
            throw SmartcardioErrors.translate(e);
        }
    }

    @Override
    public byte[] control(int controlCode, byte[] input) throws ScardException {
        try {
            return card.transmitControlCommand(controlCode, input);
        } catch (CardException | RuntimeException e) {
            throw SmartcardioErrors.translate(e);
        }
    }

    @Override
    public byte[] getAttrib(int attributeId) throws ScardException {
        if (attributeId == Scard.ATTR_ATR_STRING) {
            return card.getATR().getBytes();
        }
        throw new ScardException(ScardError.E_UNSUPPORTED_FEATURE, "javax.smartcardio exposes only the ATR");
    }

    @Override
    public void setAttrib(int attributeId, byte[] value) throws ScardException {
        throw new ScardException(ScardError.E_UNSUPPORTED_FEATURE, "javax.smartcardio has no SCardSetAttrib");
    }

    @Override
    public CardStatus status() throws ScardException {
        try {
            boolean present = terminal.isCardPresent();
            if (!present) {
                throw new ScardException(ScardError.W_REMOVED_CARD, terminal.getName());
            }
        } catch (CardException e) {
            throw SmartcardioErrors.translate(e);
        }
        return new CardStatus(List.of(terminal.getName()), Scard.CARD_SPECIFIC, activeProtocol(), card.getATR().getBytes());
    }

    /** Card.beginExclusive blocks the caller (SCardBeginTransaction); the future is already complete. */
    @Override
    public CompletableFuture<Void> beginTransactionAsync() {
        try {
            card.beginExclusive();
            return CompletableFuture.completedFuture(null);
        } catch (CardException | RuntimeException e) {
            return CompletableFuture.failedFuture(SmartcardioErrors.translate(e));
        }
    }

    @Override
    public void endTransaction(int disposition) throws ScardException {
        try {
            card.endExclusive();
        } catch (CardException | RuntimeException e) {
            throw SmartcardioErrors.translate(e);
        }
    }

    /** Disconnects and connects again (javax.smartcardio has no SCardReconnect); RESET/UNPOWER reset the card. */
    @Override
    public int reconnect(int shareMode, int preferredProtocols, int initialization) throws ScardException {
        String protocol = protocolName(shareMode, preferredProtocols);
        try {
            card.disconnect(initialization != Scard.LEAVE_CARD);
            card = terminal.connect(protocol);
            return activeProtocol();
        } catch (CardException | RuntimeException e) {
            throw SmartcardioErrors.translate(e);
        }
    }

    @Override
    public void disconnect(int disposition) throws ScardException {
        try {
            card.disconnect(disposition != Scard.LEAVE_CARD);
        } catch (CardException | RuntimeException e) {
            throw SmartcardioErrors.translate(e);
        }
    }

    @Override
    public String toString() {
        return "SmartcardioCardHandle[" + terminal.getName() + "]";
    }
}
