package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.StatusWord;

/**
 * 63Cx: the PIN or PUK was wrong and the card counted one try; x tries are left (SP 800-73-4 Part 2, 3.2.1 VERIFY,
 * 3.2.2 CHANGE REFERENCE DATA, 3.2.3 RESET RETRY COUNTER). A card reports more than 15 as 15 (YubiKey).
 */
public final class WrongPinException extends StatusWordException {
    private static final long serialVersionUID = 1L;

    private final int retriesLeft;

    public WrongPinException(String operation, ResponseApdu response) {
        super(operation, response);
        this.retriesLeft = StatusWord.retriesLeft(response.sw());
    }

    /** Tries left before the PIN (or PUK) is blocked; 0 means it is blocked now. */
    public int retriesLeft() {
        return retriesLeft;
    }
}
