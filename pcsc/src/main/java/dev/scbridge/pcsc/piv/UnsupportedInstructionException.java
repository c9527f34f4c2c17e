package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;

/**
 * 6D00: the card does not know the instruction, e.g. a YubiKey extension on a plain PIV card
 * (ISO/IEC 7816-4 5.1.3).
 */
public final class UnsupportedInstructionException extends StatusWordException {
    private static final long serialVersionUID = 1L;

    public UnsupportedInstructionException(String operation, ResponseApdu response) {
        super(operation, response);
    }
}
