package dev.scbridge.hwtests.piv;

import java.io.IOException;

/**
 * The one seam between the PIV conformance suite and a card: command APDU bytes in, response APDU bytes out, exactly
 * as one PC/SC {@code SCardTransmit} carries them. No hidden GET RESPONSE and no command chaining: the suite does
 * both itself, because how a card chains is part of what it checks (Windows offers 258 bytes per answer).
 *
 * <p>Implementations: {@link PivCardUnderTest} (the in-process software card) and {@link PcscCardUnderTest} (a
 * card through PC/SC: the same card behind pcscd + vpcd in {@code VpcdPivConformanceTest}, a real YubiKey in
 * {@link YubiKeyPivConformanceTest}).
 */
public interface CardUnderTest extends AutoCloseable {
    /** One command APDU, one response APDU (data followed by SW1 SW2). */
    byte[] transmit(byte[] commandApdu) throws IOException;

    /**
     * Warm reset ({@code SCardReconnect} with {@code SCARD_RESET_CARD}, or the card edge's reset): the PIV security
     * status is cleared; keys, objects and counters stay.
     */
    void reset() throws IOException;

    /** What this is, for assertion messages: "in-process PivCard", "YubiKey 5.4.3 in 'Yubico YubiKey OTP+FIDO+CCID 0'". */
    String description();

    /**
     * Whether a command APDU whose length bytes disagree with its size (Lc beyond the data, an extended header cut
     * short) reaches the card as sent. True in process. Through PC/SC a stack (pcsc-lite, a reader driver, the CCID
     * firmware) may refuse such bytes itself and {@link #transmit} then throws: that says nothing about the card, so
     * for a transport answering false the suite accepts either the card's status word or that PC/SC-layer error.
     */
    default boolean passesMalformedApdus() {
        return true;
    }

    /** Releases the reader or connection; the default does nothing. */
    @Override
    default void close() throws IOException {
    }
}
