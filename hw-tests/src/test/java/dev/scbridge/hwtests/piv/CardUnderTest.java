package dev.scbridge.hwtests.piv;

import java.io.IOException;

/**
 * The one seam between the PIV conformance suite and a card: command APDU bytes in, response APDU bytes out, exactly
 * as one PC/SC {@code SCardTransmit} carries them. No hidden GET RESPONSE and no command chaining: the suite does
 * both itself, because how a card chains is part of what it checks (Windows offers 258 bytes per answer).
 *
 * <p>Implementations: {@link PivCardUnderTest} (the in-process software card). Planned: the same card behind
 * pcscd + vpcd, and a real YubiKey through the native PC/SC binding (tagged {@code hardware}).
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

    /** Releases the reader or connection; the default does nothing. */
    @Override
    default void close() throws IOException {
    }
}
