package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;

/**
 * 6982: the operation needs a verified PIN, management-key authentication or touch first (SP 800-73-4 Part 2,
 * section 3 status tables; YubiKey access-control docs).
 */
public final class SecurityStatusNotSatisfiedException extends StatusWordException {
    private static final long serialVersionUID = 1L;

    public SecurityStatusNotSatisfiedException(String operation, ResponseApdu response) {
        super(operation, response);
    }
}
