package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;

/**
 * 6A82 (no such object or application) or 6A88 (no such key or reference data) (SP 800-73-4 Part 2, 3.1.2;
 * YubiKey GET METADATA).
 */
public final class NotFoundException extends StatusWordException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String operation, ResponseApdu response) {
        super(operation, response);
    }
}
