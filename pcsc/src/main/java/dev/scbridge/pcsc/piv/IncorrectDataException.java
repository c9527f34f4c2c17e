package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;

/**
 * 6A80: the card rejected the command data; on a YubiKey also an empty slot or a key not matching the algorithm
 * (SP 800-73-4 Part 2 status tables; YubiKey PIV docs).
 */
public final class IncorrectDataException extends StatusWordException {
    private static final long serialVersionUID = 1L;

    public IncorrectDataException(String operation, ResponseApdu response) {
        super(operation, response);
    }
}
