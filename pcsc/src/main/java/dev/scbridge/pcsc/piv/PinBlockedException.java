package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;

/** 6983: the PIN (or PUK) is blocked, the card no longer compares it (SP 800-73-4 Part 2, 3.2.1). */
public final class PinBlockedException extends StatusWordException {
    private static final long serialVersionUID = 1L;

    public PinBlockedException(String operation, ResponseApdu response) {
        super(operation, response);
    }
}
