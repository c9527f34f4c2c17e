package dev.scbridge.hwtests.piv;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardException;
import java.io.IOException;

/**
 * A card reached through a PC/SC {@link CardHandle} (NativePcsc against pcscd, or winscard): {@link #transmit} is one
 * raw {@code SCardTransmit}, {@link #reset} is {@code SCardReconnect} with {@code SCARD_RESET_CARD}, {@link #close}
 * disconnects leaving the card as it is. A PC/SC error becomes an {@link IOException} naming the SCARD code.
 */
public final class PcscCardUnderTest implements CardUnderTest {
    private final CardHandle handle;
    private final int shareMode;
    private final String description;
    private final boolean passesMalformedApdus;

    /**
     * @param passesMalformedApdus whether this stack is known to hand an APDU whose length bytes disagree with its
     *                             size to the card unchanged (see {@link CardUnderTest#passesMalformedApdus()})
     */
    public PcscCardUnderTest(CardHandle handle, int shareMode, String description, boolean passesMalformedApdus) {
        this.handle = handle;
        this.shareMode = shareMode;
        this.description = description;
        this.passesMalformedApdus = passesMalformedApdus;
    }

    @Override
    public byte[] transmit(byte[] commandApdu) throws IOException {
        try {
            return handle.transmit(commandApdu);
        } catch (ScardException e) {
            throw new IOException(description + ": SCardTransmit failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void reset() throws IOException {
        try {
            handle.reconnect(shareMode, Scard.PROTOCOL_TX, Scard.RESET_CARD);
        } catch (ScardException e) {
            throw new IOException(description + ": SCardReconnect(RESET_CARD) failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean passesMalformedApdus() {
        return passesMalformedApdus;
    }

    @Override
    public void close() {
        handle.close();
    }
}
