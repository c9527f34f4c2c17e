package dev.scbridge.card;

/**
 * The card edge (design.md): command APDU bytes in, response APDU bytes out, plus ATR, reset and power-off.
 * A card is thread-confined: the caller serializes access (PC/SC transactions already do).
 * Implementations never throw for bad input: a malformed APDU gets a status word.
 */
public interface CardEdge {
    /** Answer To Reset. */
    byte[] atr();

    /** Processes one command APDU and returns the response APDU (data followed by SW1 SW2). */
    byte[] transmit(byte[] commandApdu);

    /** Warm reset: security status, open chains and pending responses are cleared. */
    void reset();

    /** Power off: same effect on the volatile state as a reset. */
    void powerOff();
}
